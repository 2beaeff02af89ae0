import { describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../ingest/types';
import { DEFAULT_DISPLAY } from '../payload/logDisplay';
import { MQTT_SYNTAX } from '../topics/syntax';
import { RowText } from './rowText';

const enc = new TextEncoder();
function entry(topic: string, body: unknown): LogEntry {
  return {
    seq: 0,
    time: 0,
    topic,
    payload: enc.encode(JSON.stringify(body)),
    qos: 0,
    retain: false,
    dup: false,
    preview: undefined,
    view: undefined,
  } as LogEntry;
}

const PULP = { repo_id: 'epel-9-x86_64', result: 'failed', error_message: 'timed out' };

describe('RowText', () => {
  it('computes summary, field cells and highlight colour once per message, parsing the JSON once', () => {
    const rows = new RowText(
      {
        ...DEFAULT_DISPLAY,
        fields: ['payload.repo_id', 'payload.missing'],
        highlights: [{ filter: 'payload.result=failed', color: 'red' }],
      },
      MQTT_SYNTAX,
    );
    const e = entry('pulp/server/repo/sync/finish', PULP);
    const parse = vi.spyOn(JSON, 'parse');
    const view = rows.of(e);
    expect(view.summary).toBe('sync of epel-9-x86_64 failed: timed out');
    expect(view.cells).toEqual(['epel-9-x86_64', '—']);
    expect(view.color).toBe('red');
    expect(parse).toHaveBeenCalledTimes(1);
    expect(rows.of(e)).toBe(view);
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
  });

  it('recomputes under a new setup, and shows no summary when raw payloads are asked for', () => {
    const e = entry('pulp/server/repo/sync/finish', PULP);
    expect(new RowText(DEFAULT_DISPLAY, MQTT_SYNTAX).of(e).summary).toMatch(/^sync of/);
    expect(new RowText({ ...DEFAULT_DISPLAY, showRaw: true }, MQTT_SYNTAX).of(e).summary).toBeNull();
  });
});
