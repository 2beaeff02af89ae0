import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY } from '../payload/logDisplay';
import { fieldLabel, logColumns } from './columns';

describe('logColumns', () => {
  it('puts JSON field columns after the message, drops hidden ones and applies widths', () => {
    const cols = logColumns({
      ...DEFAULT_DISPLAY,
      hidden: ['size'],
      fields: ['payload.change.project', 'payload["odd key"]'],
      widths: { topic: 200, summary: 300 },
    });
    expect(cols.map((c) => c.label)).toEqual(['Time', 'Topic', 'Message', 'project', 'odd key', 'Flags']);
    expect(cols[1]?.track).toBe('200px');
    // The message column still takes the rest of the row.
    expect(cols[2]?.track).toBe('minmax(300px, 1fr)');
    expect(cols.every((c) => c.width > 0)).toBe(true);
  });

  it('names the message column Payload while raw payloads are shown', () => {
    expect(logColumns({ ...DEFAULT_DISPLAY, showRaw: true })[2]?.label).toBe('Payload');
  });

  it('labels a field column with its last step', () => {
    expect(fieldLabel('payload.approvals[0]')).toBe('[0]');
    expect(fieldLabel('payload.repo_id')).toBe('repo_id');
  });
});
