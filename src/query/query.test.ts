import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMQP_SYNTAX, MQTT_SYNTAX, type TopicSyntax } from '../topics/syntax';
import { formatPath } from './jsonPath';
import {
  buildFilter,
  compileQuery,
  highlightTerms,
  type MessageFacts,
  parseQuery,
  type QueryError,
  type QueryNode,
  queryNeeds,
  topicTermOf,
  withTopicTerm,
} from './query';

// ---------------------------------------------------------------------------------------------------------
// Helpers

type FactsInit = {
  topic?: string;
  payload?: string;
  props?: string;
  qos?: 0 | 1 | 2;
  retain?: boolean;
  time?: number;
  size?: number;
};

/** MessageFacts as the log builds them, counting how often each lazy accessor is asked for. */
function facts(init: FactsInit = {}) {
  const payload = init.payload ?? '';
  const text = init.props ? `${payload}\n${init.props}` : payload;
  const calls = { text: 0, payloadText: 0, json: 0 };
  let parsed: { value: unknown } | undefined;
  const counted =
    <T>(key: keyof typeof calls, value: () => T) =>
    (): T => {
      calls[key]++;
      return value();
    };
  const m: MessageFacts = {
    topic: init.topic ?? '0/1',
    text: counted('text', () => text),
    lowerText: counted('text', () => text.toLowerCase()),
    payloadText: counted('payloadText', () => payload),
    lowerPayloadText: counted('payloadText', () => payload.toLowerCase()),
    json: () => {
      calls.json++;
      if (!parsed) {
        try {
          parsed = { value: JSON.parse(payload) };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
    qos: init.qos ?? 0,
    retain: init.retain ?? false,
    size: init.size ?? new TextEncoder().encode(payload).length,
    time: init.time ?? 0,
  };
  return { m, calls };
}

function predicate(input: string, syntax: TopicSyntax = MQTT_SYNTAX, now = () => 0) {
  const { predicate: fn, error } = buildFilter(input, syntax, { now });
  expect(error).toBeNull();
  if (fn === null) throw new Error(`expected a non-empty query for ${JSON.stringify(input)}`);
  return (init: FactsInit | string) => fn(facts(typeof init === 'string' ? { payload: init } : init).m);
}

function errorOf(input: string, syntax: TopicSyntax = MQTT_SYNTAX): QueryError | null {
  const { ast, error } = parseQuery(input, syntax);
  if (error) expect(ast).toBeNull();
  return error;
}

/** The AST as an S-expression, without spans, so shapes read at a glance. */
function show(node: QueryNode | null): string {
  if (node === null) return '∅';
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${node.type} ${node.children.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(node.child)})`;
    case 'text':
      return `${node.scope === 'payload' ? 'payload:' : ''}${JSON.stringify(node.value)}`;
    case 'regex':
      return `${node.scope === 'payload' ? 'payload:' : ''}/${node.regex.source}/${node.regex.flags}`;
    case 'topic':
      return `topic[${node.syntax}]:${node.filter}`;
    case 'has':
      return `has:${formatPath(node.path)}`;
    case 'field': {
      const v = node.value;
      const value =
        v.kind === 'regex'
          ? `/${v.regex.source}/${v.regex.flags}`
          : v.quoted
            ? JSON.stringify(v.text)
            : v.text;
      return `${formatPath(node.path)}${node.op}${value}`;
    }
    case 'retained':
      return `retained:${node.value}`;
    case 'qos':
      return `qos${node.op}${node.value}`;
    case 'size':
      return `size${node.op}${node.bytes}`;
    case 'age':
      return `age${node.op}${node.ms}ms`;
  }
}

function ast(input: string, syntax: TopicSyntax = MQTT_SYNTAX): string {
  const { ast: node, error } = parseQuery(input, syntax);
  expect(error).toBeNull();
  return show(node);
}

const GERRIT = JSON.stringify({
  type: 'comment-added',
  change: { project: 'openstack/nova', owner: { email: 'a@b' }, 'a-b': 'dash', 'odd key': 'odd' },
  patchSet: { number: 3, ref: '12' },
  approvals: [
    { type: 'Verified', value: '1' },
    { type: 'Code-Review', value: '2' },
  ],
  author: { name: 'Jane Smith' },
  flags: { wip: false, private: true, parent: null },
  labels: [['x', 'y'], ['z']],
});

// ---------------------------------------------------------------------------------------------------------
// Parsing

describe('parseQuery: words, phrases and grouping', () => {
  it('gives no AST and no error for an empty or blank query', () => {
    expect(parseQuery('', MQTT_SYNTAX)).toEqual({ ast: null, error: null });
    expect(parseQuery('  \t ', MQTT_SYNTAX)).toEqual({ ast: null, error: null });
    expect(compileQuery(null)).toBeNull();
    expect(buildFilter('   ', MQTT_SYNTAX)).toEqual({ predicate: null, error: null });
  });

  it('ANDs words by juxtaposition and keeps their spans', () => {
    expect(parseQuery('merged  Nova', MQTT_SYNTAX).ast).toEqual({
      type: 'and',
      start: 0,
      end: 12,
      children: [
        { type: 'text', scope: 'any', value: 'merged', start: 0, end: 6 },
        { type: 'text', scope: 'any', value: 'Nova', start: 8, end: 12 },
      ],
    });
  });

  it('keeps spaces and parentheses inside quotes, unescapes \\" and \\\\, and joins adjacent quoted parts', () => {
    expect(ast('"a phrase" "say \\"hi\\"" "back\\\\slash" ab"c d"e "(x)"')).toBe(
      '(and "a phrase" "say \\"hi\\"" "back\\\\slash" "abc de" "(x)")',
    );
  });

  it('runs an unclosed quote to the end of the input without an error', () => {
    expect(ast('merged "half typed')).toBe('(and "merged" "half typed")');
    expect(ast('payload.author.name="Jane')).toBe('payload.author.name="Jane"');
  });

  it('binds AND tighter than OR: a b OR c is (a b) OR c', () => {
    expect(ast('a b OR c')).toBe('(or (and "a" "b") "c")');
    expect(ast('a OR b c')).toBe('(or "a" (and "b" "c"))');
    expect(ast('a OR b OR c')).toBe('(or "a" "b" "c")');
    expect(ast('(merged OR abandoned) -bot')).toBe('(and (or "merged" "abandoned") (not "bot"))');
  });

  it('accepts an explicit upper-case AND, which changes nothing', () => {
    expect(ast('a AND b OR c')).toBe(ast('a b OR c'));
  });

  it('treats lower-case or/and, quoted "OR" and -OR as words', () => {
    expect(ast('a or b')).toBe('(and "a" "or" "b")');
    expect(ast('"OR" and')).toBe('(and "OR" "and")');
    expect(ast('a -OR')).toBe('(and "a" (not "OR"))');
    expect(ast('ORacle')).toBe('"ORacle"');
  });

  it('recognises OR next to parentheses', () => {
    expect(ast('(a)OR(b)')).toBe('(or "a" "b")');
  });

  it('flattens nested groups of the same kind', () => {
    expect(ast('(a b) (c (d e))')).toBe('(and "a" "b" "c" "d" "e")');
    expect(ast('(a OR b) OR c')).toBe('(or "a" "b" "c")');
  });

  it('keeps balanced parentheses inside a word, so pasted calls stay one word', () => {
    expect(ast('fn(x) (a OR b)')).toBe('(and "fn(x)" (or "a" "b"))');
    expect(ast('(merged)')).toBe('"merged"');
  });
});

describe('parseQuery: negation', () => {
  it('negates words, phrases, groups and fields with a leading minus', () => {
    expect(ast('-bot -"jenkins ci" -(a OR b) -topic:$SYS/# -payload.a=1 -/x/')).toBe(
      '(and (not "bot") (not "jenkins ci") (not (or "a" "b")) (not topic[mqtt]:$SYS/#) (not payload.a=1) (not /x/))',
    );
  });

  it('searches a lone minus literally, and a minus inside a word is part of it', () => {
    expect(ast('- a-b (-)')).toBe('(and "-" "a-b" "-")');
  });

  it('cancels double negation', () => {
    expect(ast('--a')).toBe('"a"');
    expect(ast('---a')).toBe('(not "a")');
    expect(parseQuery('x --(a)', MQTT_SYNTAX).error).toBeNull();
  });

  it('gives a negation the span of its minus and operand', () => {
    expect(parseQuery('-(a b)', MQTT_SYNTAX).ast).toMatchObject({ type: 'not', start: 0, end: 6 });
  });
});

describe('parseQuery: fields', () => {
  it('reads topic: filters case-sensitively, prefix in any case, quoted when they hold spaces', () => {
    expect(ast('Topic:Sensors/+/Temp topic:"x y/#"')).toBe(
      '(and topic[mqtt]:Sensors/+/Temp topic[mqtt]:x y/#)',
    );
    expect(ast('topic:pulp.*.*.sync.*', AMQP_SYNTAX)).toBe('topic[amqp]:pulp.*.*.sync.*');
  });

  it('treats quoted prefixes and unknown name:value pairs as text (users paste URLs)', () => {
    expect(ast('"topic:a" foo:bar https://x.org/a')).toBe('(and "topic:a" "foo:bar" "https://x.org/a")');
  });

  it('ignores empty terms being typed ("" topic: payload:) instead of matching nothing', () => {
    expect(ast('"" topic: payload: payload:""')).toBe('∅');
    expect(ast('a "" -""')).toBe('"a"');
    expect(ast('a OR ""')).toBe('"a"');
    expect(ast('("")')).toBe('∅');
  });

  it('reads payload: text and payload: regexes', () => {
    expect(ast('payload:Error payload:"two words" payload:/err(or)?/i payload:/tmp')).toBe(
      '(and payload:"Error" payload:"two words" payload:/err(or)?/i payload:"/tmp")',
    );
  });

  it('reads regexes with flags, escaped slashes, slashes in classes and spaces', () => {
    expect(ast('/a\\/b/ /[/]x/gi /two words/')).toBe('(and /a\\/b/ /[/]x/gi /two words/)');
  });

  it('searches text that only looks like a regex start literally', () => {
    expect(ast('/ // /sensors')).toBe('(and "/" "//" "/sensors")');
  });

  it('reads JSON field predicates with every operator', () => {
    expect(
      ast(
        'payload.a=1 payload.a!=x payload.a~Smi payload.a>3 payload.a<3 payload.a>=-1.5 payload.a<=1e3 payload.a="Jane Doe" payload.a~/^j/i',
      ),
    ).toBe(
      '(and payload.a=1 payload.a!=x payload.a~Smi payload.a>3 payload.a<3 payload.a>=-1.5 payload.a<=1e3 payload.a="Jane Doe" payload.a~/^j/i)',
    );
  });

  it('reads paths with indexes, [] for any element, dashes and bracket-quoted keys', () => {
    expect(
      ast('payload.approvals[0].type=x payload.approvals[].type=y payload.a-b=z payload["odd key"]=w'),
    ).toBe('(and payload.approvals[0].type=x payload.approvals[].type=y payload.a-b=z payload["odd key"]=w)');
  });

  it('allows an explicitly empty quoted value', () => {
    expect(ast('payload.a=""')).toBe('payload.a=""');
  });

  it('reads has:, retained:, qos, size and age', () => {
    expect(ast('has:payload.comment has:payload retained:yes retained:False qos:1 QoS>=1 qos!=2')).toBe(
      '(and has:payload.comment has:payload retained:true retained:false qos=1 qos>=1 qos!=2)',
    );
    expect(ast('size>1000 size<1k size>=2kB size<=1.5MB size>1MiB size=0 size!=0')).toBe(
      '(and size>1000 size<1000 size>=2000 size<=1500000 size>1048576 size=0 size!=0)',
    );
    expect(ast('age<500ms age>30s age<5m age<=5min age>=2h age<1.5d')).toBe(
      '(and age<500ms age>30000ms age<300000ms age<=300000ms age>=7200000ms age<129600000ms)',
    );
  });

  it('reads words that merely start like a field as words', () => {
    expect(ast('sizeable agent qosx payloads age=5m size~3')).toBe(
      '(and "sizeable" "agent" "qosx" "payloads" "age=5m" "size~3")',
    );
  });

  it('ends a field value at a closing parenthesis', () => {
    expect(ast('(topic:a/# OR qos:1) (size>1k)')).toBe('(and (or topic[mqtt]:a/# qos=1) size>1000)');
  });
});

describe('parseQuery: errors', () => {
  const cases: [string, string | RegExp, number, number][] = [
    ['(a b', "Unclosed '('", 0, 1],
    ['a (b (c) d', "Unclosed '('", 2, 3],
    ['a)', "Unmatched ')'", 1, 2],
    ['()', 'Empty parentheses', 0, 2],
    ['a -( ) b', 'Empty parentheses', 3, 6],
    ['OR a', 'OR needs a term on its left', 0, 2],
    ['a OR', 'OR needs a term on its right', 2, 4],
    ['a OR OR b', 'OR needs a term on its right', 2, 4],
    ['(a OR) b', 'OR needs a term on its right', 3, 5],
    ['(OR a)', 'OR needs a term on its left', 1, 3],
    ['AND a', 'AND needs a term on its left', 0, 3],
    ['a AND', 'AND needs a term on its right', 2, 5],
    ['a AND OR b', 'AND needs a term on its right', 2, 5],
    ['qos:7', 'QoS is 0, 1 or 2', 4, 5],
    ['qos>x', 'QoS is 0, 1 or 2', 4, 5],
    ['qos:', 'QoS is 0, 1 or 2', 0, 4],
    ['size>abc', /^size takes a number of bytes/, 5, 8],
    ['size>1kk', /^size takes a number of bytes/, 5, 8],
    ['age<5x', /^age takes a duration/, 4, 6],
    ['age<5', /^age takes a duration/, 4, 5],
    ['retained:maybe', 'retained: takes yes or no', 9, 14],
    ['retained:', 'retained: takes yes or no', 0, 9],
    ['x topic:a/#/b', "'#' must be the last level, but it is level 2 of 3", 8, 13],
    ['/a(/', /^Invalid regular expression: .*(Unterminated group|unterminated)/i, 0, 4],
    ['x /a/q', /^Unknown regex flag 'q'/, 5, 6],
    ['/a/ii', "Regex flag 'i' is given twice", 4, 5],
    ['/a/uv', /^Invalid/, 0, 5],
    ['payload:/a(/', /^Invalid regular expression/, 8, 12],
    ['payload.a.', "Expected a field name after '.'", 9, 10],
    ['payload.a', /^Expected =, !=, ~, <, >, <= or >= after payload.a/, 0, 9],
    ['payload.a:b', /^Expected =, !=, ~/, 0, 11],
    ['payload.n>x', "Expected a number after '>'", 10, 11],
    ['payload.n>', "Expected a value after '>'", 0, 10],
    ['payload.a=', "Expected a value after '='", 0, 10],
    ['payload[x]=1', /^Expected an index/, 7, 10],
    ['payload.a[0=1', "Unclosed '['", 9, 10],
    ['payload.a~/(/', /^Invalid regular expression/, 10, 13],
    ['has:foo', /^has: takes a payload field/, 4, 7],
    ['has:', /^has: takes a payload field/, 0, 4],
    ['has:payloads', /^has: takes a payload field/, 4, 12],
    ['has:payload.a=1', "Unexpected '=' after the field path", 13, 15],
  ];

  it.each(cases)('%j gives one error with its position', (input, message, start, end) => {
    const error = errorOf(input);
    expect(error).not.toBeNull();
    if (typeof message === 'string') expect(error?.message).toBe(message);
    else expect(error?.message).toMatch(message);
    expect([error?.start, error?.end]).toEqual([start, end]);
  });

  it('reports the AMQP syntax’s own refusal of a topic: filter', () => {
    expect(errorOf('topic:a/b', AMQP_SYNTAX)).toMatchObject({
      message: expect.stringMatching(/contains '\/'/),
      start: 6,
      end: 9,
    });
  });

  it('reports the leftmost problem when there are several', () => {
    expect(errorOf('qos:9 (a')).toMatchObject({ start: 4, end: 5 });
    expect(errorOf('OR qos:9')).toMatchObject({ start: 0, end: 2 });
    expect(errorOf('(a qos:9')).toMatchObject({ start: 7, end: 8 });
  });

  it('refuses parentheses nested deeper than 64 levels instead of overflowing the stack', () => {
    const deep = `${'('.repeat(100)}a${')'.repeat(100)}`;
    expect(errorOf(deep)).toMatchObject({
      message: 'Parentheses nest deeper than 64 levels',
      start: 64,
      end: 65,
    });
    expect(errorOf(`${'('.repeat(64)}a${')'.repeat(64)}`)).toBeNull();
    expect(ast(`${'-'.repeat(10_001)}a`)).toBe('(not "a")');
  });

  it('buildFilter returns the error and no predicate', () => {
    expect(buildFilter('a OR', MQTT_SYNTAX)).toEqual({
      predicate: null,
      error: { message: 'OR needs a term on its right', start: 2, end: 4 },
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Matching

describe('compileQuery: text', () => {
  it('matches words case-insensitively in the topic or the searchable text', () => {
    const m = predicate('KITCHEN');
    expect(m({ topic: 'home/Kitchen/temp' })).toBe(true);
    expect(m({ payload: '{"room":"kitchen"}' })).toBe(true);
    expect(m({ props: 'contentType=kitchen/json' })).toBe(true);
    expect(m({ topic: 'home/x', payload: 'bedroom' })).toBe(false);
  });

  it('requires every ANDed term', () => {
    const m = predicate('merged nova');
    expect(m({ topic: 'gerrit/nova', payload: 'change-merged' })).toBe(true);
    expect(m({ topic: 'gerrit/nova', payload: 'comment-added' })).toBe(false);
  });

  it('matches phrases with their spaces', () => {
    const m = predicate('"living room"');
    expect(m('the Living Room lamp')).toBe(true);
    expect(m('living-room')).toBe(false);
  });

  it('matches letterless needles without case folding, and special characters literally', () => {
    const m = predicate('21.5 -"{}"');
    expect(m('{"t":21.5}')).toBe(true);
    expect(m('{}21.5')).toBe(false);
    expect(predicate('a.c')({ topic: 'abc' })).toBe(false);
    expect(predicate('(x)')).toBeDefined();
  });

  it('searches only the payload text for payload: terms', () => {
    const m = predicate('payload:alarm');
    expect(m({ payload: 'ALARM raised' })).toBe(true);
    expect(m({ topic: 'alarm/x', payload: 'ok', props: 'alarm' })).toBe(false);
  });

  it('matches regexes over the topic or the text, and payload: regexes over the payload only', () => {
    const m = predicate('/^gerrit\\/.*\\/merged$/');
    expect(m({ topic: 'gerrit/nova/merged' })).toBe(true);
    expect(m({ topic: 'x', payload: 'gerrit/a/merged' })).toBe(true);
    expect(m({ topic: 'x/gerrit/a/merged' })).toBe(false);
    const p = predicate('payload:/^\\d+$/');
    expect(p({ topic: '42', payload: 'x' })).toBe(false);
    expect(p({ topic: 'x', payload: '42' })).toBe(true);
  });

  it('keeps regex flags but not the statefulness of g and y across messages', () => {
    const g = predicate('/abc/gi');
    for (let i = 0; i < 3; i++) expect(g({ topic: 'x', payload: 'ABC' })).toBe(true);
    const y = predicate('/ab/y');
    for (let i = 0; i < 3; i++) expect(y({ topic: 'x', payload: 'abc' })).toBe(true);
    expect(y({ topic: 'x', payload: 'cab' })).toBe(false);
  });
});

describe('compileQuery: OR, NOT and groups', () => {
  it('matches either side of OR, with AND binding tighter', () => {
    const m = predicate('a b OR c');
    expect(m('a b')).toBe(true);
    expect(m('c')).toBe(true);
    expect(m('a')).toBe(false);
    expect(m('b')).toBe(false);
  });

  it('excludes negated terms and negated groups', () => {
    const m = predicate('(merged OR abandoned) -bot');
    expect(m('change-merged by jane')).toBe(true);
    expect(m('change-abandoned by jane')).toBe(true);
    expect(m('change-merged by zuul-bot')).toBe(false);
    expect(m('comment-added by jane')).toBe(false);
    const n = predicate('-(a b)');
    expect(n('a')).toBe(true);
    expect(n('a b')).toBe(false);
  });
});

describe('compileQuery: topics', () => {
  it('matches topic: with MQTT wildcards, case-sensitively, and hides $SYS when negated', () => {
    const m = predicate('topic:sensors/+/temp');
    expect(m({ topic: 'sensors/kitchen/temp' })).toBe(true);
    expect(m({ topic: 'sensors/kitchen/hall/temp' })).toBe(false);
    expect(m({ topic: 'Sensors/kitchen/temp' })).toBe(false);
    const sys = predicate('-topic:$SYS/#');
    expect(sys({ topic: '$SYS/broker/uptime' })).toBe(false);
    expect(sys({ topic: 'a/b' })).toBe(true);
  });

  it('matches topic: with AMQP patterns in AMQP syntax', () => {
    const m = predicate('topic:pulp.*.*.sync.*', AMQP_SYNTAX);
    expect(m({ topic: 'pulp.server.repo.sync.finish' })).toBe(true);
    expect(m({ topic: 'pulp.server.sync.finish' })).toBe(false);
    const h = predicate('topic:pulp.#.finish', AMQP_SYNTAX);
    expect(h({ topic: 'pulp.server.repo.sync.finish' })).toBe(true);
    expect(h({ topic: 'pulp.finish' })).toBe(true);
  });
});

describe('compileQuery: JSON field predicates on a Gerrit event', () => {
  const on = (q: string) => predicate(q)({ topic: 'gerrit/events', payload: GERRIT });

  it('compares strings with =, numbers and numeric strings numerically', () => {
    expect(on('payload.change.project=openstack/nova')).toBe(true);
    expect(on('payload.change.project=openstack/neutron')).toBe(false);
    expect(on('payload.change.project=OpenStack/Nova')).toBe(false);
    expect(on('payload.patchSet.number=3')).toBe(true);
    expect(on('payload.patchSet.number=3.0')).toBe(true);
    expect(on('payload.patchSet.ref=12')).toBe(true);
    expect(on('payload.patchSet.ref=12.0')).toBe(true);
  });

  it('compares booleans and null by their JSON spelling', () => {
    expect(on('payload.flags.private=true')).toBe(true);
    expect(on('payload.flags.wip=false')).toBe(true);
    expect(on('payload.flags.wip=true')).toBe(false);
    expect(on('payload.flags.parent=null')).toBe(true);
  });

  it('compares quoted values as strings only', () => {
    expect(on('payload.author.name="Jane Smith"')).toBe(true);
    expect(on('payload.patchSet.number="3"')).toBe(false);
    expect(on('payload.approvals[0].value="1"')).toBe(true);
    expect(on('payload.flags.private="true"')).toBe(false);
  });

  it('reads != as present and not equal', () => {
    expect(on('payload.type!=change-merged')).toBe(true);
    expect(on('payload.type!=comment-added')).toBe(false);
    expect(on('payload.missing!=x')).toBe(false);
    expect(on('-payload.missing=x')).toBe(true);
  });

  it('matches ~ case-insensitively on the value as text, JSON for objects, or a regex', () => {
    expect(on('payload.author.name~smith')).toBe(true);
    expect(on('payload.author.name~jones')).toBe(false);
    expect(on('payload.patchSet.number~3')).toBe(true);
    expect(on('payload.change.owner~"a@b"')).toBe(true);
    expect(on('payload.flags.private~TRU')).toBe(true);
    expect(on('payload.author.name~/^jane\\s/i')).toBe(true);
    expect(on('payload.author.name~/^jane\\s/')).toBe(false);
  });

  it('compares with <, >, <=, >=, numeric strings numerically and other types never', () => {
    expect(on('payload.patchSet.number>2')).toBe(true);
    expect(on('payload.patchSet.number>3')).toBe(false);
    expect(on('payload.patchSet.number>=3')).toBe(true);
    expect(on('payload.patchSet.number<3.5')).toBe(true);
    expect(on('payload.patchSet.number<=2')).toBe(false);
    expect(on('payload.patchSet.ref>9')).toBe(true);
    expect(on('payload.author.name>0')).toBe(false);
    expect(on('payload.flags.private>0')).toBe(false);
  });

  it('indexes arrays, and [] asks whether any element matches, nested too', () => {
    expect(on('payload.approvals[0].type=Verified')).toBe(true);
    expect(on('payload.approvals[0].type=Code-Review')).toBe(false);
    expect(on('payload.approvals[-1].type=Code-Review')).toBe(true);
    expect(on('payload.approvals[].type=Code-Review')).toBe(true);
    expect(on('payload.approvals[].type=Workflow')).toBe(false);
    expect(on('payload.approvals[].value>1')).toBe(true);
    expect(on('payload.approvals[].value>2')).toBe(false);
    expect(on('payload.labels[][]=z')).toBe(true);
  });

  it('reads keys with dashes and bracket-quoted keys', () => {
    expect(on('payload.change.a-b=dash')).toBe(true);
    expect(on('payload.change["odd key"]=odd')).toBe(true);
  });

  it('tests presence with has:, counting null as present', () => {
    expect(on('has:payload.author.name')).toBe(true);
    expect(on('has:payload.comment')).toBe(false);
    expect(on('has:payload.flags.parent')).toBe(true);
    expect(on('has:payload.approvals[].value')).toBe(true);
    expect(on('has:payload')).toBe(true);
    expect(on('-has:payload.comment')).toBe(true);
  });

  it('never matches field predicates on payloads that are not JSON', () => {
    const m = predicate('has:payload');
    expect(m('not json')).toBe(false);
    expect(predicate('-payload.a=1')('not json')).toBe(true);
  });

  it('combines JSON predicates with words, topics and groups', () => {
    expect(
      on('topic:gerrit/# (payload.type=change-merged OR payload.approvals[].type=Code-Review) -bot'),
    ).toBe(true);
  });
});

describe('compileQuery: message facts', () => {
  it('matches retained:, also spelled true/false', () => {
    expect(predicate('retained:yes')({ retain: true })).toBe(true);
    expect(predicate('retained:yes')({ retain: false })).toBe(false);
    expect(predicate('retained:no')({ retain: false })).toBe(true);
    expect(predicate('retained:TRUE')({ retain: true })).toBe(true);
  });

  it('matches qos: and qos comparisons', () => {
    expect(predicate('qos:1')({ qos: 1 })).toBe(true);
    expect(predicate('qos:1')({ qos: 2 })).toBe(false);
    expect(predicate('qos>0')({ qos: 0 })).toBe(false);
    expect(predicate('qos>=1')({ qos: 2 })).toBe(true);
  });

  it('compares payload bytes with size, SI units by default as the log shows them', () => {
    expect(predicate('size>1000')({ size: 1001 })).toBe(true);
    expect(predicate('size>1k')({ size: 1000 })).toBe(false);
    expect(predicate('size>=2kB')({ size: 2000 })).toBe(true);
    expect(predicate('size<1MiB')({ size: 1_048_575 })).toBe(true);
    expect(predicate('size=0')({ size: 0 })).toBe(true);
  });

  it('compares age against now() at evaluation', () => {
    let now = 1_000_000;
    const { predicate: m } = buildFilter('age<5m', MQTT_SYNTAX, { now: () => now });
    const msg = facts({ time: 1_000_000 - 4 * 60_000 }).m;
    expect(m?.(msg)).toBe(true);
    now += 2 * 60_000;
    expect(m?.(msg)).toBe(false);
    expect(predicate('age>30s', MQTT_SYNTAX, () => 31_000)({ time: 0 })).toBe(true);
  });

  it('uses Date.now when no clock is given', () => {
    const { predicate: m } = buildFilter('age<1h', MQTT_SYNTAX);
    expect(m?.(facts({ time: Date.now() - 1000 }).m)).toBe(true);
    expect(m?.(facts({ time: Date.now() - 2 * 3600e3 }).m)).toBe(false);
  });
});

describe('compileQuery: cost', () => {
  it('runs cheap operands first, so a failing fact or topic spares the text and the JSON', () => {
    const fn = compileQuery(parseQuery('payload.a=1 /x/ merged topic:gerrit/# qos:1', MQTT_SYNTAX).ast);
    const { m, calls } = facts({ topic: 'other', qos: 1, payload: '{"a":1} merged x' });
    expect(fn?.(m)).toBe(false);
    expect(calls).toEqual({ text: 0, payloadText: 0, json: 0 });
    const hit = facts({ topic: 'gerrit/x', qos: 1, payload: '{"a":1}' });
    expect(fn?.(hit.m)).toBe(false);
    expect(hit.calls.json).toBe(0);
  });

  it('does not touch the payload for topic and fact terms', () => {
    const { m, calls } = facts({ topic: 'a/b', payload: 'x' });
    expect(
      buildFilter('topic:a/# qos:0 retained:no size<10 age<1d', MQTT_SYNTAX, { now: () => 0 }).predicate?.(m),
    ).toBe(true);
    expect(calls).toEqual({ text: 0, payloadText: 0, json: 0 });
  });
});

// ---------------------------------------------------------------------------------------------------------
// What a query uses

describe('highlightTerms', () => {
  it('returns positive words, phrases and payload: texts lower-cased, and regexes, but nothing negated', () => {
    const { ast: node } = parseQuery(
      'Merged "Jane Smith" payload:Nova -bot -(x OR y) /a+b/i --z topic:a/# merged',
      MQTT_SYNTAX,
    );
    const { needles, regexes } = highlightTerms(node);
    expect(needles).toEqual(['merged', 'jane smith', 'nova', 'z']);
    expect(regexes.map(String)).toEqual(['/a+b/gi']);
  });

  it('returns nothing for the empty query', () => {
    expect(highlightTerms(null)).toEqual({ needles: [], regexes: [] });
  });
});

describe('queryNeeds', () => {
  const needs = (q: string) => queryNeeds(parseQuery(q, MQTT_SYNTAX).ast);

  it('says whether the text or the JSON is needed, negated terms included', () => {
    expect(needs('topic:a/# qos:1 size>1k')).toEqual({ text: false, json: false });
    expect(needs('-merged')).toEqual({ text: true, json: false });
    expect(needs('payload:/x/')).toEqual({ text: true, json: false });
    expect(needs('topic:a/# (qos:1 OR has:payload.x)')).toEqual({ text: false, json: true });
    expect(needs('a payload.x=1')).toEqual({ text: true, json: true });
    expect(queryNeeds(null)).toEqual({ text: false, json: false });
  });
});

// ---------------------------------------------------------------------------------------------------------
// The topic tree's term

describe('withTopicTerm / topicTermOf', () => {
  it('puts the tree selection in front and keeps the rest of the filter', () => {
    expect(withTopicTerm('merged -bot', 'gerrit/openstack/#')).toBe('topic:gerrit/openstack/# merged -bot');
    expect(withTopicTerm('topic:a/# merged', 'b/#')).toBe('topic:b/# merged');
    expect(withTopicTerm('topic:a/# merged', null)).toBe('merged');
    expect(withTopicTerm('', 'x y/#')).toBe('topic:"x y/#"');
    expect(withTopicTerm('merged Topic:"a b" (x OR y)', 'c/#')).toBe('topic:c/# merged (x OR y)');
  });

  it('reads back the filter it wrote', () => {
    for (const f of ['gerrit/openstack/#', 'pulp.server.#', 'x y/#', 'say "hi"/#', 'a(b)/+', 'back\\slash']) {
      expect(topicTermOf(withTopicTerm('a b', f))).toBe(f);
      const syntax = f.startsWith('pulp.') ? AMQP_SYNTAX : MQTT_SYNTAX;
      expect(parseQuery(withTopicTerm('a b', f), syntax).ast).toMatchObject({
        children: [{ type: 'topic', filter: f }, {}, {}],
      });
    }
    expect(topicTermOf('merged')).toBeNull();
    expect(topicTermOf('topic: merged')).toBeNull();
  });

  it('leaves negated and parenthesised topic: terms to the user', () => {
    expect(topicTermOf('-topic:$SYS/# (topic:a/# OR x)')).toBeNull();
    expect(withTopicTerm('-topic:$SYS/# (topic:a/# OR x)', 'b/#')).toBe(
      'topic:b/# -topic:$SYS/# (topic:a/# OR x)',
    );
    expect(topicTermOf('-topic:$SYS/# topic:c/#')).toBe('c/#');
  });

  it('replaces the term even when the filter in it is invalid or the rest of the query is', () => {
    expect(withTopicTerm('topic:a/#/b x', 'c/#')).toBe('topic:c/# x');
    expect(withTopicTerm('(x topic:a/# OR', 'c/#')).toBe('topic:c/# (x topic:a/# OR');
  });

  it('round-trips any filter whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (filter, rest) => {
        const text = withTopicTerm(rest, filter);
        expect(topicTermOf(text)).toBe(filter);
        expect(withTopicTerm(text, null)).toBe(withTopicTerm(rest, null));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const arbFacts = fc.record({
  topic: fc.constantFrom('gerrit/nova/merged', 'gerrit/neutron', 'a/b', '$SYS/x', 'Pulp/sync'),
  payload: fc.constantFrom(
    '',
    'merged by bot',
    'ABANDONED',
    '{"a":1,"n":[{"t":"x"},{"t":"y"}]}',
    '{"a":"2","comment":"lgtm"}',
    GERRIT,
    'not json ( ) "',
  ),
  props: fc.constantFrom('', 'contentType=text', 'user=bot'),
  qos: fc.constantFrom(0 as const, 1 as const, 2 as const),
  retain: fc.boolean(),
  time: fc.integer({ min: 0, max: 600_000 }),
});

const LEAVES = [
  'merged',
  'bot',
  'nova',
  '"by bot"',
  'topic:gerrit/#',
  'topic:+/b',
  'payload:ABAN',
  '/^g.*d$/',
  'payload.a=1',
  'payload.a>1',
  'payload.n[].t=y',
  'payload.approvals[].type=Code-Review',
  'has:payload.comment',
  'qos:1',
  'qos>=1',
  'retained:yes',
  'size>10',
  'age<5m',
];

function queries(leaf: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.letrec<{ query: string }>((tie) => ({
    query: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('query').map((q) => `-(${q})`),
      fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} ${b})`),
      fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} OR ${b})`),
    ),
  })).query;
}

/** Small queries, including an empty term ("" is ignored wherever it stands). */
const arbQuery = queries(fc.constantFrom(...LEAVES, '""'));
/** Small queries without empty terms: each one is a proposition of its own. */
const arbProposition = queries(fc.constantFrom(...LEAVES));

function evaluate(q: string, init: FactsInit): boolean {
  const { predicate: fn, error } = buildFilter(q, MQTT_SYNTAX, { now: () => 300_000 });
  expect(error).toBeNull();
  return fn ? fn(facts(init).m) : true;
}

describe('properties', () => {
  const syntaxPieces = fc.constantFrom(
    '"',
    '\\',
    '-',
    ' ',
    '(',
    ')',
    'OR',
    'AND',
    'topic:',
    'payload:',
    'payload.',
    'payload[',
    ']',
    '[]',
    'has:',
    'qos',
    'size',
    'age',
    'retained:',
    '<',
    '>',
    '=',
    '!',
    '~',
    ':',
    '/',
    '[',
    'a',
    'B',
    '1',
    'k',
    'm',
    '#',
    '+',
    '.',
    '$share/',
    'gi',
  );

  function checkTotal(input: string, syntax: TopicSyntax, m: MessageFacts): void {
    const { ast: node, error } = parseQuery(input, syntax);
    if (error) {
      expect(node).toBeNull();
      expect(0 <= error.start && error.start <= error.end && error.end <= input.length).toBe(true);
      expect(error.message.length).toBeGreaterThan(0);
      return;
    }
    const fn = compileQuery(node, { now: () => 0 });
    if (fn) expect(typeof fn(m)).toBe('boolean');
    highlightTerms(node);
    queryNeeds(node);
  }

  it('parses any string without throwing: an AST or one error inside the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), arbFacts, (input, init) => {
        checkTotal(input, MQTT_SYNTAX, facts(init).m);
        checkTotal(input, AMQP_SYNTAX, facts(init).m);
      }),
    );
  });

  it('parses strings made of the syntax itself without throwing', () => {
    fc.assert(
      fc.property(fc.array(syntaxPieces, { maxLength: 14 }), arbFacts, (pieces, init) => {
        const input = pieces.join('');
        checkTotal(input, MQTT_SYNTAX, facts(init).m);
        checkTotal(input, AMQP_SYNTAX, facts(init).m);
      }),
      { numRuns: 2000 },
    );
  });

  it('a OR b matches what b OR a matches, and a b what b a matches', () => {
    fc.assert(
      fc.property(arbQuery, arbQuery, arbFacts, (a, b, m) => {
        expect(evaluate(`${a} OR ${b}`, m)).toBe(evaluate(`${b} OR ${a}`, m));
        expect(evaluate(`${a} ${b}`, m)).toBe(evaluate(`${b} ${a}`, m));
      }),
    );
  });

  it('obeys De Morgan: -(a OR b) is -a -b, and -(a b) is -a OR -b', () => {
    fc.assert(
      fc.property(arbQuery, arbQuery, arbFacts, (a, b, m) => {
        expect(evaluate(`-(${a} OR ${b})`, m)).toBe(evaluate(`-(${a}) -(${b})`, m));
        expect(evaluate(`-(${a} ${b})`, m)).toBe(evaluate(`-(${a}) OR -(${b})`, m));
      }),
    );
  });

  it('reads a b OR c as (a b) OR c, and agrees with plain boolean logic', () => {
    fc.assert(
      fc.property(arbProposition, arbProposition, arbProposition, arbFacts, (a, b, c, m) => {
        const [va, vb, vc] = [evaluate(a, m), evaluate(b, m), evaluate(c, m)];
        expect(evaluate(`${a} ${b} OR ${c}`, m)).toBe((va && vb) || vc);
        expect(evaluate(`${a} OR ${b} ${c}`, m)).toBe(va || (vb && vc));
        expect(evaluate(`-${a.startsWith('(') ? a : `(${a})`}`, m)).toBe(!va);
      }),
    );
  });
});
