/**
 * The live log's `Filter messages` box: a small query language, tokenized, parsed by recursive descent into
 * an AST, and compiled once into a predicate over messages.
 *
 *   (merged OR abandoned) -bot topic:gerrit/# payload.approvals[].type=Code-Review size>1k age<5m
 *
 * Grammar (EBNF; whitespace separates tokens and is otherwise ignored):
 *
 *   query    = [ or ] ;
 *   or       = and , { "OR" , and } ;                        (* OR binds looser than AND *)
 *   and      = unary , { [ "AND" ] , unary } ;               (* juxtaposition is AND *)
 *   unary    = { "-" } , primary ;                           (* "-" directly before its operand *)
 *   primary  = "(" , or , ")" | term ;
 *   term     = topic | payload | has | retained | qos | size | age | field | regex | word ;
 *   topic    = "topic:" , value ;                            (* filter in the connection's syntax *)
 *   payload  = "payload:" , ( regex | value ) ;
 *   has      = "has:" , path ;
 *   retained = "retained:" , ( "yes" | "no" | "true" | "false" ) ;
 *   qos      = "qos" , ( ":" | cmp ) , ( "0" | "1" | "2" ) ;
 *   size     = "size" , cmp , number , [ "b" | "k" | "kb" | "kib" | "m" | "mb" | "mib" | "g" | "gb" | "gib" ] ;
 *   age      = "age" , ( "<" | ">" | "<=" | ">=" ) , number , ( "ms" | "s" | "m" | "min" | "h" | "d" ) ;
 *   field    = path , ( cmp , value | "~" , ( regex | value ) ) ;
 *   path     = "payload" , { "." , key | "[" , [ integer | "*" | quoted ] , "]" } ;
 *   cmp      = "=" | "!=" | "<" | ">" | "<=" | ">=" ;
 *   regex    = "/" , body , "/" , { "g" | "i" | "m" | "s" | "u" | "y" | "v" } ;
 *   word     = value ;                                       (* but not a bare OR / AND *)
 *   value    = { char | quoted } ;                           (* up to whitespace or an unbalanced ")" *)
 *   quoted   = '"' , { char - '"' | '\"' | '\\' } , [ '"' ] ;  (* unclosed: runs to the end *)
 *
 * Field names (`topic:`, `qos`, `payload.`…) are case-insensitive and recognised only unquoted at the start
 * of a term; `"topic:x"` searches for that text, and so does any other `name:value` (users paste URLs).
 * Empty terms (`""`, `topic:`, `payload:` while being typed) are ignored rather than matching nothing.
 */

import { MQTT_SYNTAX, type SyntaxId, type TopicSyntax, topicSyntax } from '../topics/syntax';
import { type JsonPath, scanPath, someAt } from './jsonPath';

export type { JsonPath, PathSegment } from './jsonPath';

export interface QueryError {
  message: string;
  /** Character (UTF-16 code unit) offsets into the input: the span an inline marker underlines. */
  start: number;
  end: number;
}

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';
export type FieldOp = CompareOp | '~';

/** A regex as typed: `source` and `flags` are what `new RegExp` accepts (validated by the parser). */
export interface RegexSpec {
  source: string;
  flags: string;
}

/** Every node carries the span of input it was parsed from. */
export type QueryNode =
  | { type: 'and'; children: readonly QueryNode[]; start: number; end: number }
  | { type: 'or'; children: readonly QueryNode[]; start: number; end: number }
  | { type: 'not'; child: QueryNode; start: number; end: number }
  /** Case-insensitive substring: `any` = topic or searchable text, `payload` = payload text only. */
  | { type: 'text'; scope: 'any' | 'payload'; value: string; start: number; end: number }
  | { type: 'regex'; scope: 'any' | 'payload'; regex: RegexSpec; start: number; end: number }
  | { type: 'topic'; filter: string; syntax: SyntaxId; start: number; end: number }
  | {
      type: 'field';
      path: JsonPath;
      op: FieldOp;
      /** `quoted` values compare as strings only; `regex` only with `~`. */
      value: { kind: 'text'; text: string; quoted: boolean } | { kind: 'regex'; regex: RegexSpec };
      start: number;
      end: number;
    }
  | { type: 'has'; path: JsonPath; start: number; end: number }
  | { type: 'retained'; value: boolean; start: number; end: number }
  | { type: 'qos'; op: CompareOp; value: 0 | 1 | 2; start: number; end: number }
  | { type: 'size'; op: CompareOp; bytes: number; start: number; end: number }
  | { type: 'age'; op: '<' | '>' | '<=' | '>='; ms: number; start: number; end: number };

export interface MessageFacts {
  topic: string;
  /** Whole searchable text: topic is matched separately; this is payload text + properties text, computed lazily by the caller and cached. */
  text(): string;
  /** Same, lower-cased once (callers cache it). */
  lowerText(): string;
  /** Payload text only (decoded UTF-8, or for binary a hex+text rendering), and lower-cased. */
  payloadText(): string;
  lowerPayloadText(): string;
  /** Parsed JSON payload, or undefined when not JSON; callers parse at most once and cache. */
  json(): unknown;
  qos: 0 | 1 | 2;
  retain: boolean;
  size: number;
  time: number;
}

export type MessagePredicate = (m: MessageFacts) => boolean;

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

type Token =
  | { t: 'lparen' | 'rparen' | 'or' | 'and' | 'not'; start: number; end: number }
  | {
      t: 'term';
      start: number;
      end: number;
      /** null for an empty term (ignored) or an erroneous one. */
      node: QueryNode | null;
      error: QueryError | null;
      /** For `topic:` terms, the filter as typed (even when empty or invalid): the topic tree edits these. */
      topic?: string;
    };

type Lexed = { node: QueryNode | null; error: QueryError | null; end: number; topic?: string };

const WS = /\s/;
const isWs = (c: string | undefined): boolean => c !== undefined && WS.test(c);
/** Where a keyword or a term may end. */
const isBoundary = (c: string | undefined): boolean => c === undefined || c === '(' || c === ')' || isWs(c);

function startsWithCI(input: string, at: number, word: string): boolean {
  return input.slice(at, at + word.length).toLowerCase() === word;
}

/**
 * A term's value: up to whitespace or a `)` that closes a group. Parentheses balanced inside the value stay
 * in it (`fn(x)` is one word); `"…"` keeps spaces and parentheses, `\"` and `\\` escape inside quotes, and an
 * unclosed quote runs to the end of the input without an error because the user is usually still typing it.
 */
function readValue(input: string, at: number): { text: string; end: number; quoted: boolean } {
  let text = '';
  let quoted = false;
  let depth = 0;
  let i = at;
  while (i < input.length) {
    const c = input[i] as string;
    if (isWs(c) || (c === ')' && depth === 0)) break;
    if (c === '"') {
      quoted = true;
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) i++;
        text += input[i];
        i++;
      }
      i++; // the closing quote, or past the end
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    text += c;
    i++;
  }
  return { text, end: Math.min(i, input.length), quoted };
}

const REGEX_FLAGS = 'gimsuyv';

/**
 * `/body/flags` at `at`, or null when the text there is not a regex: a `/` followed by whitespace or another
 * `/`, or one with no closing slash, is plain text, so `/` and `/sensors` are searched for literally. The
 * body is JS regex syntax (`\/` and `[/]` do not close it; spaces are allowed, as in a JS literal).
 */
function scanRegex(
  input: string,
  at: number,
): { regex: RegexSpec; end: number; error: null } | { error: QueryError; end: number } | null {
  if (input[at] !== '/') return null;
  const first = input[at + 1];
  if (first === undefined || first === '/' || isWs(first)) return null;
  // Cheap exit keeping tokenization linear on text full of unclosed slashes.
  if (input.indexOf('/', at + 1) === -1) return null;
  let k = at + 1;
  let inClass = false;
  for (; k < input.length; k++) {
    const c = input[k];
    if (c === '\\') k++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '/') break;
  }
  if (k >= input.length) return null;
  let end = k + 1;
  while (end < input.length && !isWs(input[end]) && input[end] !== ')') end++;
  const source = input.slice(at + 1, k);
  const flags = input.slice(k + 1, end);
  for (let x = 0; x < flags.length; x++) {
    const f = flags[x] as string;
    const pos = k + 1 + x;
    if (!REGEX_FLAGS.includes(f)) {
      const message = `Unknown regex flag '${f}' (flags are g, i, m, s, u, v, y); to search for text with slashes, put it in quotes`;
      return { error: { message, start: pos, end: pos + 1 }, end };
    }
    if (flags.indexOf(f) !== x) {
      return { error: { message: `Regex flag '${f}' is given twice`, start: pos, end: pos + 1 }, end };
    }
  }
  try {
    new RegExp(source, flags);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const message = detail.startsWith('Invalid') ? detail : `Invalid regular expression: ${detail}`;
    return { error: { message, start: at, end }, end };
  }
  return { regex: { source, flags }, end, error: null };
}

/** The comparison operator at `at` among `allowed`, longest first. */
function readOp<T extends string>(input: string, at: number, allowed: readonly T[]): T | null {
  const two = input.slice(at, at + 2) as T;
  if (allowed.includes(two)) return two;
  const one = input.slice(at, at + 1) as T;
  return allowed.includes(one) ? one : null;
}

const CMP_OPS: readonly CompareOp[] = ['<=', '>=', '!=', '<', '>', '='];
const FIELD_OPS: readonly FieldOp[] = ['<=', '>=', '!=', '<', '>', '=', '~'];
const AGE_OPS = ['<=', '>=', '<', '>'] as const;
const QOS_OPS: readonly (CompareOp | ':')[] = [':', ...CMP_OPS];

/** Decimal numbers as JSON writes them (and a leading `+` or `.`), never hex, `Infinity` or blanks. */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
// Decimal (SI) units by default, as the log shows sizes (formatBytes: 1 kB = 1000 B); KiB/MiB for binary.
const SIZE = /^(\d+(?:\.\d*)?|\.\d+)(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const SIZE_UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
};
const AGE = /^(\d+(?:\.\d*)?|\.\d+)(ms|s|m|min|h|d)$/i;
const AGE_UNITS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, min: 60e3, h: 3600e3, d: 86_400e3 };

/** Error spanning a value, or the whole term when the value is empty (a zero-width marker is invisible). */
function valueError(message: string, termStart: number, valueStart: number, valueEnd: number): QueryError {
  return valueEnd > valueStart
    ? { message, start: valueStart, end: valueEnd }
    : { message, start: termStart, end: valueEnd };
}

function fail(message: string, start: number, end: number): Lexed {
  return { node: null, error: { message, start, end }, end };
}

function lexTerm(input: string, i: number, syntax: TopicSyntax): Lexed {
  if (startsWithCI(input, i, 'topic:')) {
    const v = readValue(input, i + 6);
    if (v.text === '') return { node: null, error: null, end: v.end, topic: '' };
    const bad = syntax.validate(v.text);
    if (bad) return { ...fail(bad.message, i + 6, v.end), topic: v.text };
    return {
      node: { type: 'topic', filter: v.text, syntax: syntax.id, start: i, end: v.end },
      error: null,
      end: v.end,
      topic: v.text,
    };
  }

  if (startsWithCI(input, i, 'payload:')) {
    const at = i + 8;
    const re = scanRegex(input, at);
    if (re?.error) return { node: null, error: re.error, end: re.end };
    if (re)
      return {
        node: { type: 'regex', scope: 'payload', regex: re.regex, start: i, end: re.end },
        error: null,
        end: re.end,
      };
    const v = readValue(input, at);
    if (v.text === '') return { node: null, error: null, end: v.end };
    return {
      node: { type: 'text', scope: 'payload', value: v.text, start: i, end: v.end },
      error: null,
      end: v.end,
    };
  }

  if (startsWithCI(input, i, 'has:')) {
    const at = i + 4;
    const hint = 'has: takes a payload field, e.g. has:payload.comment';
    const after = input[at + 7];
    if (!startsWithCI(input, at, 'payload') || !(after === '.' || after === '[' || isBoundary(after))) {
      const v = readValue(input, at);
      return { node: null, error: valueError(hint, i, at, v.end), end: v.end };
    }
    const p = scanPath(input, at + 7);
    if ('message' in p) return { node: null, error: p, end: Math.max(p.end, readValue(input, at).end) };
    if (!isBoundary(input[p.end])) {
      const rest = readValue(input, p.end);
      return fail(`Unexpected '${input[p.end]}' after the field path`, p.end, Math.max(rest.end, p.end + 1));
    }
    return { node: { type: 'has', path: p.path, start: i, end: p.end }, error: null, end: p.end };
  }

  if (startsWithCI(input, i, 'retained:')) {
    const at = i + 9;
    const v = readValue(input, at);
    const word = v.text.toLowerCase();
    if (word === 'yes' || word === 'true' || word === 'no' || word === 'false') {
      const value = word === 'yes' || word === 'true';
      return { node: { type: 'retained', value, start: i, end: v.end }, error: null, end: v.end };
    }
    return { node: null, error: valueError('retained: takes yes or no', i, at, v.end), end: v.end };
  }

  if (startsWithCI(input, i, 'qos')) {
    const op = readOp(input, i + 3, QOS_OPS);
    if (op) {
      const at = i + 3 + op.length;
      const v = readValue(input, at);
      if (v.text !== '0' && v.text !== '1' && v.text !== '2') {
        return { node: null, error: valueError('QoS is 0, 1 or 2', i, at, v.end), end: v.end };
      }
      const node: QueryNode = {
        type: 'qos',
        op: op === ':' ? '=' : op,
        value: Number(v.text) as 0 | 1 | 2,
        start: i,
        end: v.end,
      };
      return { node, error: null, end: v.end };
    }
  }

  if (startsWithCI(input, i, 'size')) {
    const op = readOp(input, i + 4, CMP_OPS);
    if (op) {
      const at = i + 4 + op.length;
      const v = readValue(input, at);
      const m = SIZE.exec(v.text);
      if (!m) {
        const message = 'size takes a number of bytes, optionally with a unit: 500, 2k, 1.5MB, 1MiB';
        return { node: null, error: valueError(message, i, at, v.end), end: v.end };
      }
      const unit = SIZE_UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1;
      const bytes = Math.round(Number(m[1]) * unit);
      return { node: { type: 'size', op, bytes, start: i, end: v.end }, error: null, end: v.end };
    }
  }

  if (startsWithCI(input, i, 'age')) {
    const op = readOp(input, i + 3, AGE_OPS);
    if (op) {
      const at = i + 3 + op.length;
      const v = readValue(input, at);
      const m = AGE.exec(v.text);
      if (!m) {
        const message = 'age takes a duration with a unit: 500ms, 30s, 5m, 2h, 1d';
        return { node: null, error: valueError(message, i, at, v.end), end: v.end };
      }
      const ms = Number(m[1]) * (AGE_UNITS[(m[2] as string).toLowerCase()] ?? 1);
      return { node: { type: 'age', op, ms, start: i, end: v.end }, error: null, end: v.end };
    }
  }

  if (startsWithCI(input, i, 'payload') && (input[i + 7] === '.' || input[i + 7] === '[')) {
    return lexField(input, i);
  }

  const re = scanRegex(input, i);
  if (re?.error) return { node: null, error: re.error, end: re.end };
  if (re)
    return {
      node: { type: 'regex', scope: 'any', regex: re.regex, start: i, end: re.end },
      error: null,
      end: re.end,
    };
  const v = readValue(input, i);
  if (v.text === '') return { node: null, error: null, end: v.end };
  return {
    node: { type: 'text', scope: 'any', value: v.text, start: i, end: v.end },
    error: null,
    end: v.end,
  };
}

/** `payload.path <op> value`. */
function lexField(input: string, i: number): Lexed {
  const p = scanPath(input, i + 7);
  if ('message' in p) return { node: null, error: p, end: Math.max(p.end, readValue(input, i).end) };
  const op = readOp(input, p.end, FIELD_OPS);
  if (!op) {
    const end = readValue(input, p.end).end;
    const message = `Expected =, !=, ~, <, >, <= or >= after ${input.slice(i, p.end)} (has:${input.slice(i, p.end)} tests that it is there)`;
    return fail(message, i, Math.max(end, p.end));
  }
  const at = p.end + op.length;
  if (op === '~') {
    const re = scanRegex(input, at);
    if (re?.error) return { node: null, error: re.error, end: re.end };
    if (re) {
      const node: QueryNode = {
        type: 'field',
        path: p.path,
        op,
        value: { kind: 'regex', regex: re.regex },
        start: i,
        end: re.end,
      };
      return { node, error: null, end: re.end };
    }
  }
  const v = readValue(input, at);
  if (v.text === '' && !v.quoted) return fail(`Expected a value after '${op}'`, i, at);
  if ((op === '<' || op === '>' || op === '<=' || op === '>=') && !NUMBER.test(v.text)) {
    return { node: null, error: valueError(`Expected a number after '${op}'`, i, at, v.end), end: v.end };
  }
  const node: QueryNode = {
    type: 'field',
    path: p.path,
    op,
    value: { kind: 'text', text: v.text, quoted: v.quoted },
    start: i,
    end: v.end,
  };
  return { node, error: null, end: v.end };
}

function tokenize(input: string, syntax: TopicSyntax): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // Right after '-', `OR`/`AND` are words: `-OR` excludes the text "or".
  let afterNot = false;
  while (i < input.length) {
    const c = input[i] as string;
    if (isWs(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ t: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
      afterNot = false;
      continue;
    }
    // A lone '-' (before whitespace, ')' or the end) is a literal search for '-', not a negation of nothing.
    const next = input[i + 1];
    if (c === '-' && next !== undefined && next !== ')' && !isWs(next)) {
      tokens.push({ t: 'not', start: i, end: i + 1 });
      i++;
      afterNot = true;
      continue;
    }
    if (!afterNot) {
      const keyword = input.startsWith('OR', i) && isBoundary(input[i + 2]) ? 'or' : null;
      const and = input.startsWith('AND', i) && isBoundary(input[i + 3]) ? 'and' : null;
      const k = keyword ?? and;
      if (k) {
        const end = i + (k === 'or' ? 2 : 3);
        tokens.push({ t: k, start: i, end });
        i = end;
        continue;
      }
    }
    afterNot = false;
    const lexed = lexTerm(input, i, syntax);
    const end = Math.max(lexed.end, i + 1); // always advance
    const token: Token = { t: 'term', start: i, end, node: lexed.node, error: lexed.error };
    if (lexed.topic !== undefined) token.topic = lexed.topic;
    tokens.push(token);
    i = end;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Parser

/** Deeper nesting is refused: recursive descent would overflow the stack on a pasted wall of '('. */
const MAX_DEPTH = 64;

class ParseFailure {
  constructor(readonly error: QueryError) {}
}

function raise(message: string, start: number, end: number): never {
  throw new ParseFailure({ message, start, end });
}

function combine(type: 'and' | 'or', nodes: QueryNode[]): QueryNode | null {
  if (nodes.length <= 1) return nodes[0] ?? null;
  const children: QueryNode[] = [];
  // (a b) c is a b c: flat lists keep trees shallow and let compile order every operand by cost.
  for (const n of nodes) {
    if (n.type === type) children.push(...n.children);
    else children.push(n);
  }
  const first = children[0] as QueryNode;
  const last = children[children.length - 1] as QueryNode;
  return { type, children, start: first.start, end: last.end };
}

function parseTokens(tokens: Token[]): QueryNode | null {
  let pos = 0;
  let depth = 0;

  /** `consumed` tells "nothing here" (an error next to OR) from "only empty terms" (ignored). */
  function parseOr(): { node: QueryNode | null; consumed: boolean } {
    const first = parseAnd();
    const nodes: QueryNode[] = first.node ? [first.node] : [];
    for (let t = tokens[pos]; t?.t === 'or'; t = tokens[pos]) {
      if (!first.consumed) raise('OR needs a term on its left', t.start, t.end);
      pos++;
      const next = parseAnd();
      if (!next.consumed) raise('OR needs a term on its right', t.start, t.end);
      if (next.node) nodes.push(next.node);
    }
    return { node: combine('or', nodes), consumed: first.consumed };
  }

  function parseAnd(): { node: QueryNode | null; consumed: boolean } {
    const nodes: QueryNode[] = [];
    let consumed = false;
    for (let t = tokens[pos]; t && t.t !== 'or' && t.t !== 'rparen'; t = tokens[pos]) {
      if (t.t === 'and') {
        if (!consumed) raise('AND needs a term on its left', t.start, t.end);
        pos++;
        const next = tokens[pos];
        if (!next || next.t === 'or' || next.t === 'and' || next.t === 'rparen') {
          raise('AND needs a term on its right', t.start, t.end);
        }
        continue;
      }
      const node = parseUnary();
      consumed = true;
      if (node) nodes.push(node);
    }
    return { node: combine('and', nodes), consumed };
  }

  function parseUnary(): QueryNode | null {
    const start = (tokens[pos] as Token).start;
    let negations = 0;
    while (tokens[pos]?.t === 'not') {
      negations++;
      pos++;
    }
    const node = parsePrimary();
    if (!node) return null;
    const end = (tokens[pos - 1] as Token).end;
    return negations % 2 === 1 ? { type: 'not', child: node, start, end } : node;
  }

  function parsePrimary(): QueryNode | null {
    const t = tokens[pos];
    if (!t) {
      // The tokenizer emits '-' only before a character that starts a term or a group.
      const last = tokens[pos - 1] as Token;
      raise(`Nothing after '-'`, last.start, last.end);
    }
    pos++;
    if (t.t === 'term') {
      if (t.error) throw new ParseFailure(t.error);
      return t.node;
    }
    if (t.t !== 'lparen') raise(`Unexpected '${t.t}'`, t.start, t.end);
    const close = tokens[pos];
    if (close?.t === 'rparen') raise('Empty parentheses', t.start, close.end);
    if (depth >= MAX_DEPTH) raise(`Parentheses nest deeper than ${MAX_DEPTH} levels`, t.start, t.end);
    depth++;
    const inner = parseOr();
    depth--;
    if (tokens[pos]?.t !== 'rparen') raise(`Unclosed '('`, t.start, t.end);
    pos++;
    return inner.node;
  }

  const { node } = parseOr();
  const stray = tokens[pos];
  if (stray) raise(`Unmatched ')'`, stray.start, stray.end);
  return node;
}

export function parseQuery(
  input: string,
  syntax: TopicSyntax,
): { ast: QueryNode | null; error: QueryError | null } {
  try {
    return { ast: parseTokens(tokenize(input, syntax)), error: null };
  } catch (e) {
    if (e instanceof ParseFailure) return { ast: null, error: e.error };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Compiler

/**
 * Relative cost of a leaf, to run cheap operands of AND/OR first: message facts are a field read, a topic
 * matcher walks a short string, text search may build (then cache) the payload text, regexes scan it, and
 * JSON predicates may parse it. Reordering never changes the result: the operands have no side effects.
 */
const COST = { fact: 0, topic: 1, text: 2, regex: 3, json: 4 } as const;

type Compiled = { fn: MessagePredicate; cost: number };

const ESCAPE = /[\\^$.*+?()[\]{}|/]/g;

/** A case-insensitive literal matcher: `test` on a short string allocates nothing, unlike toLowerCase. */
function caseless(text: string): RegExp {
  return new RegExp(text.replace(ESCAPE, '\\$&'), 'i');
}

/** The regex used for a boolean test: `g` dropped (it only makes test() stateful), `y` kept and rewound. */
function testRegex(spec: RegexSpec): (s: string) => boolean {
  const re = new RegExp(spec.source, spec.flags.replace('g', ''));
  if (!re.sticky) return (s) => re.test(s);
  return (s) => {
    re.lastIndex = 0;
    return re.test(s);
  };
}

function hasCase(s: string): boolean {
  return s.toLowerCase() !== s.toUpperCase();
}

function compareNumbers(op: CompareOp, b: number): (a: number) => boolean {
  switch (op) {
    case '=':
      return (a) => a === b;
    case '!=':
      return (a) => a !== b;
    case '<':
      return (a) => a < b;
    case '>':
      return (a) => a > b;
    case '<=':
      return (a) => a <= b;
    case '>=':
      return (a) => a >= b;
  }
}

/**
 * The test a field predicate applies to each defined value its path reaches.
 *
 * `=` compares strings exactly; an unquoted value that reads as a number, `true`, `false` or `null` also
 * equals that JSON number/boolean/null (and a numeric string field equals it numerically: Gerrit sends
 * approval values as "2"). A quoted value compares as a string only. `!=` is "present and not equal", the
 * existential counterpart of `=`; `-payload.x=1` also keeps messages without the field. `~` is a
 * case-insensitive substring (or a regex) of the value as text, objects and arrays as their JSON. `<`, `>`,
 * `<=`, `>=` compare numbers and numeric strings.
 */
function valueTest(
  op: FieldOp,
  value: Extract<QueryNode, { type: 'field' }>['value'],
): (v: unknown) => boolean {
  if (op === '~') {
    let test: (s: string) => boolean;
    if (value.kind === 'regex') test = testRegex(value.regex);
    else {
      const re = caseless(value.text);
      test = (s) => re.test(s);
    }
    return (v) => {
      if (typeof v === 'string') return test(v);
      // JSON numbers/booleans/null are short; objects stringify (the one case that allocates per message).
      return test(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    };
  }
  const text = value.kind === 'text' ? value.text : '';
  if (op !== '=' && op !== '!=') {
    const cmp = compareNumbers(op, Number(text));
    return (v) =>
      typeof v === 'number' ? cmp(v) : typeof v === 'string' && NUMBER.test(v) && cmp(Number(v));
  }
  const quoted = value.kind === 'text' && value.quoted;
  const num = !quoted && NUMBER.test(text) ? Number(text) : undefined;
  const bool = quoted ? undefined : text === 'true' ? true : text === 'false' ? false : undefined;
  const isNull = !quoted && text === 'null';
  const equals = (v: unknown): boolean => {
    if (typeof v === 'string') {
      return v === text || (num !== undefined && NUMBER.test(v) && Number(v) === num);
    }
    if (quoted) return false;
    if (typeof v === 'number') return v === num;
    if (typeof v === 'boolean') return v === bool;
    return v === null && isNull;
  };
  return op === '=' ? equals : (v) => !equals(v);
}

const ALWAYS = (): boolean => true;

function compileNode(node: QueryNode, now: () => number): Compiled {
  switch (node.type) {
    case 'and':
    case 'or': {
      const parts = node.children.map((c) => compileNode(c, now)).sort((a, b) => a.cost - b.cost);
      const fns = parts.map((p) => p.fn);
      const cost = Math.max(...parts.map((p) => p.cost));
      const n = fns.length;
      if (node.type === 'and') {
        return {
          cost,
          fn: (m) => {
            for (let i = 0; i < n; i++) if (!(fns[i] as MessagePredicate)(m)) return false;
            return true;
          },
        };
      }
      return {
        cost,
        fn: (m) => {
          for (let i = 0; i < n; i++) if ((fns[i] as MessagePredicate)(m)) return true;
          return false;
        },
      };
    }
    case 'not': {
      const inner = compileNode(node.child, now);
      const f = inner.fn;
      return { cost: inner.cost, fn: (m) => !f(m) };
    }
    case 'text': {
      const needle = node.value.toLowerCase();
      // Needles without letters (numbers, punctuation) need no case folding, so no lower-cased copy.
      const fold = hasCase(needle);
      if (node.scope === 'payload') {
        return {
          cost: COST.text,
          fn: fold ? (m) => m.lowerPayloadText().includes(needle) : (m) => m.payloadText().includes(needle),
        };
      }
      if (!fold) return { cost: COST.text, fn: (m) => m.topic.includes(needle) || m.text().includes(needle) };
      // The topic has no cached lower-case copy; a case-insensitive regex tests it without making one.
      const inTopic = caseless(node.value);
      return { cost: COST.text, fn: (m) => inTopic.test(m.topic) || m.lowerText().includes(needle) };
    }
    case 'regex': {
      const test = testRegex(node.regex);
      if (node.scope === 'payload') return { cost: COST.regex, fn: (m) => test(m.payloadText()) };
      return { cost: COST.regex, fn: (m) => test(m.topic) || test(m.text()) };
    }
    case 'topic': {
      const match = topicSyntax(node.syntax).compile(node.filter);
      return { cost: COST.topic, fn: (m) => match(m.topic) };
    }
    case 'has': {
      const path = node.path;
      return { cost: COST.json, fn: (m) => someAt(m.json(), path, ALWAYS) };
    }
    case 'field': {
      const path = node.path;
      const test = valueTest(node.op, node.value);
      return { cost: COST.json, fn: (m) => someAt(m.json(), path, test) };
    }
    case 'retained': {
      const value = node.value;
      return { cost: COST.fact, fn: (m) => m.retain === value };
    }
    case 'qos': {
      const cmp = compareNumbers(node.op, node.value);
      return { cost: COST.fact, fn: (m) => cmp(m.qos) };
    }
    case 'size': {
      const cmp = compareNumbers(node.op, node.bytes);
      return { cost: COST.fact, fn: (m) => cmp(m.size) };
    }
    case 'age': {
      const cmp = compareNumbers(node.op, node.ms);
      return { cost: COST.fact, fn: (m) => cmp(now() - m.time) };
    }
  }
}

/**
 * null for an empty query (fast path: no filtering). `now` is read once per evaluation pass by the caller.
 *
 * `now` is called for each message that reaches an `age` term (default Date.now); pass a function that
 * returns one timestamp for the whole pass so every row is judged against the same instant.
 */
export function compileQuery(
  ast: QueryNode | null,
  options?: { now?: () => number },
): MessagePredicate | null {
  if (ast === null) return null;
  return compileNode(ast, options?.now ?? Date.now).fn;
}

/** Convenience: parse + compile; on error returns the error and predicate null. */
export function buildFilter(
  input: string,
  syntax: TopicSyntax,
  options?: { now?: () => number },
): { predicate: MessagePredicate | null; error: QueryError | null } {
  const { ast, error } = parseQuery(input, syntax);
  if (error) return { predicate: null, error };
  return { predicate: compileQuery(ast, options), error: null };
}

// ---------------------------------------------------------------------------------------------------------
// What a query uses

function visit(node: QueryNode | null, negated: boolean, fn: (n: QueryNode, negated: boolean) => void): void {
  if (node === null) return;
  fn(node, negated);
  if (node.type === 'and' || node.type === 'or') for (const c of node.children) visit(c, negated, fn);
  else if (node.type === 'not') visit(node.child, !negated, fn);
}

/**
 * Terms worth highlighting in rows and the inspector: the positive words/phrases/payload: texts (lower-cased)
 * and regexes; not negated ones. Regexes come with the `g` flag (and without `y`) for matchAll/replace.
 */
export function highlightTerms(ast: QueryNode | null): { needles: string[]; regexes: RegExp[] } {
  const needles: string[] = [];
  const regexes: RegExp[] = [];
  visit(ast, false, (n, negated) => {
    if (negated) return;
    if (n.type === 'text') {
      const needle = n.value.toLowerCase();
      if (!needles.includes(needle)) needles.push(needle);
    } else if (n.type === 'regex') {
      regexes.push(new RegExp(n.regex.source, `${n.regex.flags.replace(/[gy]/g, '')}g`));
    }
  });
  return { needles, regexes };
}

/** Whether the query needs the whole payload text / the parsed JSON (so callers can skip work). */
export function queryNeeds(ast: QueryNode | null): { text: boolean; json: boolean } {
  const needs = { text: false, json: false };
  visit(ast, false, (n) => {
    if (n.type === 'text' || n.type === 'regex') needs.text = true;
    else if (n.type === 'field' || n.type === 'has') needs.json = true;
  });
  return needs;
}

// ---------------------------------------------------------------------------------------------------------
// The topic tree's term

/** The first `topic:` term outside parentheses and not negated: the one the topic tree owns. */
function ownTopicToken(text: string): Extract<Token, { t: 'term' }> | null {
  let depth = 0;
  let prev: Token | undefined;
  for (const t of tokenize(text, MQTT_SYNTAX)) {
    if (t.t === 'lparen') depth++;
    else if (t.t === 'rparen') depth = Math.max(0, depth - 1);
    else if (t.t === 'term' && t.topic !== undefined && depth === 0 && prev?.t !== 'not') return t;
    prev = t;
  }
  return null;
}

/** The filter written so that it reads back as one `topic:` value. */
function topicTerm(filter: string): string {
  if (filter !== '' && !/[\s"()]/.test(filter)) return `topic:${filter}`;
  return `topic:"${filter.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The filter text with its first `topic:` term replaced by `topic:<filter>` in front, or removed when `filter`
 * is null; the rest of what the user typed is kept. The topic tree selects a subtree this way, so the
 * selection is visible in the filter box and travels in the link.
 */
export function withTopicTerm(text: string, filter: string | null): string {
  const own = ownTopicToken(text);
  const rest = own
    ? `${text.slice(0, own.start).trimEnd()} ${text.slice(own.end).trimStart()}`.trim()
    : text.trim();
  if (filter === null) return rest;
  const term = topicTerm(filter);
  return rest ? `${term} ${rest}` : term;
}

/** The filter of the first `topic:` term (outside parentheses, not negated), or null. */
export function topicTermOf(text: string): string | null {
  const own = ownTopicToken(text);
  return own?.topic ? own.topic : null;
}
