import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMQP_SYNTAX, MQTT_SYNTAX } from '../../topics/syntax';
import { checkSummaryRule, parseJsonPayload, Summarizer } from './summarize';
import { compileTemplate, isTemplateError, MAX_SUMMARY_CHARS, renderTemplate } from './template';

const enc = new TextEncoder();
const summary = (topic: string, body: unknown, rules = new Summarizer([], MQTT_SYNTAX)) =>
  rules.summarize(topic, () => parseJsonPayload(enc.encode(JSON.stringify(body))));

const jane = { name: 'Jane Doe', email: 'jane@example.org', username: 'jdoe' };
const change = {
  project: 'openstack/nova',
  branch: 'master',
  number: 12345,
  subject: 'Fix the scheduler',
  owner: jane,
};
const patchSet = { number: 3, revision: 'abc', uploader: jane };

describe('built-in Gerrit summaries (germqtt stream-events)', () => {
  it('says who commented on which change and what they voted', () => {
    const line = summary('gerrit/openstack/nova/comment-added', {
      type: 'comment-added',
      author: jane,
      approvals: [{ type: 'Code-Review', description: 'Code-Review', value: '2', oldValue: '0' }],
      comment: 'Patch Set 3: Code-Review+2',
      patchSet,
      change,
    });
    expect(line).toBe('Jane Doe commented on 12345,3 (openstack/nova): Code-Review+2 — Fix the scheduler');
  });

  it('reads votes written with a sign and comments without an author', () => {
    const line = summary('gerrit/openstack/nova/comment-added', {
      type: 'comment-added',
      approvals: [{ type: 'Code-Review', value: '+2' }],
      change,
    });
    expect(line).toBe('Comment on 12345 (openstack/nova): Code-Review+2 — Fix the scheduler');
  });

  it('leaves out votes that did not change and names a non-default branch', () => {
    const line = summary('gerrit/openstack/nova/comment-added', {
      type: 'comment-added',
      author: jane,
      approvals: [{ type: 'Code-Review', value: '1', oldValue: '1' }],
      patchSet,
      change: { ...change, branch: 'stable/2024.2' },
    });
    expect(line).toBe('Jane Doe commented on 12345,3 (openstack/nova, stable/2024.2) — Fix the scheduler');
  });

  it('summarises patchset-created, change-merged and ref-updated', () => {
    expect(
      summary('gerrit/openstack/nova/patchset-created', {
        type: 'patchset-created',
        uploader: jane,
        patchSet,
        change,
      }),
    ).toBe('Jane Doe uploaded 12345,3 (openstack/nova) — Fix the scheduler');
    expect(
      summary('gerrit/openstack/nova/change-merged', {
        type: 'change-merged',
        submitter: { name: 'Zuul' },
        patchSet,
        change,
      }),
    ).toBe('Zuul merged 12345,3 (openstack/nova) — Fix the scheduler');
    expect(
      summary('gerrit/openstack/nova/ref-updated', {
        type: 'ref-updated',
        submitter: { name: 'Zuul' },
        refUpdate: {
          oldRev: 'a'.repeat(40),
          newRev: 'b'.repeat(40),
          refName: 'refs/heads/master',
          project: 'openstack/nova',
        },
      }),
    ).toBe('Zuul updated master in openstack/nova to bbbbbbb');
    expect(
      summary('gerrit/openstack/nova/ref-updated', {
        type: 'ref-updated',
        refUpdate: {
          oldRev: '0'.repeat(40),
          newRev: 'b'.repeat(40),
          refName: 'refs/tags/29.0.0',
          project: 'openstack/nova',
        },
      }),
    ).toBe('refs/tags/29.0.0 created in openstack/nova');
  });

  it('works under a prefix and in the AMQP syntax', () => {
    const body = { type: 'change-merged', submitter: { name: 'Zuul' }, patchSet, change };
    expect(summary('e2e/run1/gerrit/openstack/nova/change-merged', body)).toContain('Zuul merged 12345,3');
    expect(summary('gerrit.nova.change-merged', body, new Summarizer([], AMQP_SYNTAX))).toContain(
      'Zuul merged',
    );
  });
});

describe('built-in Launchpad and Pulp summaries', () => {
  it('reads the demo stream and lpmqtt shapes of a bug event', () => {
    expect(
      summary('launchpad/bugs/nova/bug-status-changed', {
        event: 'bug-status-changed',
        bug: {
          id: 2081234,
          title: 'Instance stuck in BUILD',
          web_link: 'https://bugs.launchpad.net/nova/+bug/2081234',
        },
        person: { name: 'jdoe', display_name: 'Jane Doe' },
        field: 'status',
        old_value: 'New',
        new_value: 'Triaged',
      }),
    ).toBe('Jane Doe changed status of bug #2081234 (nova) from New to Triaged — Instance stuck in BUILD');
    expect(
      summary('launchpad/nova', {
        'event-type': 'bug',
        project: 'nova',
        'bug-number': '1234567',
        status: 'Triaged',
        importance: 'High',
        'bug-modifier': 'Jane Doe (jdoe)',
      }),
    ).toBe('Jane Doe (jdoe) updated bug #1234567 (nova): Triaged, High');
  });

  it('says which Pulp task started, finished or failed', () => {
    expect(summary('pulp/server/repo/sync/finish', { repo_id: 'epel-9-x86_64', result: 'success' })).toBe(
      'sync of epel-9-x86_64 finished',
    );
    expect(summary('pulp/server/repo/publish/start', { repo_id: 'epel-9-x86_64' })).toBe(
      'publish of epel-9-x86_64 started',
    );
    expect(
      summary(
        'pulp.server.repo.sync.finish',
        { repo_id: 'r', result: 'failed', error_message: 'timed out' },
        new Summarizer([], AMQP_SYNTAX),
      ),
    ).toBe('sync of r failed: timed out');
  });
});

describe('user templates', () => {
  it('fill placeholders with the same paths as the filter box, and win over the built-ins', () => {
    const rules = new Summarizer(
      [{ pattern: 'gerrit/#', template: '{payload.type} by {payload.author.name} on {topic[1]}/{topic[2]}' }],
      MQTT_SYNTAX,
    );
    expect(
      summary('gerrit/openstack/nova/comment-added', { type: 'comment-added', author: jane }, rules),
    ).toBe('comment-added by Jane Doe on openstack/nova');
  });

  it('do not apply when a placeholder has no value, so the next rule shows', () => {
    const rules = new Summarizer(
      [
        { pattern: 'sensors/+', template: 'temperature {payload.temp} °C' },
        { pattern: 'sensors/+', template: '{topic[-1]}: {payload["odd key"]}, {payload.list[].n}' },
      ],
      MQTT_SYNTAX,
    );
    expect(summary('sensors/a', { temp: 21.5 }, rules)).toBe('temperature 21.5 °C');
    expect(summary('sensors/b', { 'odd key': true, list: [{ n: 1 }, { n: 2 }] }, rules)).toBe(
      'b: true, 1, 2',
    );
    expect(summary('sensors/c', { other: 1 }, rules)).toBeNull();
  });

  it('are refused with a reason when the pattern or the template is broken', () => {
    expect(checkSummaryRule({ pattern: 'a/#/b', template: '{payload.x}' }, MQTT_SYNTAX)).toMatch(
      /Topic pattern/,
    );
    expect(checkSummaryRule({ pattern: 'a/#', template: 'no placeholder' }, MQTT_SYNTAX)).toMatch(
      /no placeholder/,
    );
    expect(checkSummaryRule({ pattern: 'a/#', template: '{payload.x' }, MQTT_SYNTAX)).toMatch(/Unclosed/);
    expect(checkSummaryRule({ pattern: 'a/#', template: '{user.x}' }, MQTT_SYNTAX)).toMatch(
      /Unknown placeholder/,
    );
    expect(checkSummaryRule({ pattern: 'a/#', template: '{{literal}} {payload.x}' }, MQTT_SYNTAX)).toBeNull();
  });
});

describe('templates never throw and keep hostile text inert', () => {
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  it('render to null or one bounded line whatever the payload', () => {
    const templates = [
      '{payload.a.b}',
      '{payload[0]} {payload.a[].b} {topic[-1]}',
      '{payload}',
      'x {payload["k"]}',
    ];
    const compiled = templates.map((t) => compileTemplate(t));
    fc.assert(
      fc.property(anyJson, fc.string(), (json, topic) => {
        for (const t of compiled) {
          if (isTemplateError(t)) throw new Error(t.message);
          const line = renderTemplate(t, { topic, levels: topic.split('/'), json });
          if (line !== null) {
            expect(line.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
            expect(line).not.toMatch(/[\n\r\t]/);
          }
        }
      }),
    );
  });

  it('built-ins never throw on arbitrary JSON under their topics', () => {
    const rules = new Summarizer([], MQTT_SYNTAX);
    const topics = [
      'gerrit/p/comment-added',
      'launchpad/bugs/nova/bug-comment',
      'pulp/server/repo/sync/finish',
    ];
    fc.assert(
      fc.property(anyJson, fc.constantFrom(...topics), (json, topic) => {
        const line = rules.summarize(topic, () => json);
        expect(line === null || line.length <= MAX_SUMMARY_CHARS).toBe(true);
      }),
    );
  });

  it('compiling any string never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        compileTemplate(s);
      }),
    );
  });

  it('pass markup through as plain characters, for React to escape', () => {
    const t = compileTemplate('{payload.x}');
    if (isTemplateError(t)) throw new Error(t.message);
    expect(
      renderTemplate(t, { topic: 't', levels: ['t'], json: { x: '<img src=x onerror=alert(1)>' } }),
    ).toBe('<img src=x onerror=alert(1)>');
  });

  it('do not read inherited properties', () => {
    const t = compileTemplate('{payload.constructor}');
    if (isTemplateError(t)) throw new Error(t.message);
    expect(renderTemplate(t, { topic: 't', levels: ['t'], json: {} })).toBeNull();
  });
});

describe('parseJsonPayload', () => {
  it('parses objects and arrays only, and never throws', () => {
    expect(parseJsonPayload(enc.encode(' {"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonPayload(enc.encode('42'))).toBeUndefined();
    expect(parseJsonPayload(enc.encode('{broken'))).toBeUndefined();
    expect(parseJsonPayload(new Uint8Array([0xff, 0x7b]))).toBeUndefined();
  });
});
