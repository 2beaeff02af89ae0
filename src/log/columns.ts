import type { BaseColumn, LogDisplay } from '../payload/logDisplay';

export interface Column {
  /** `time`, `topic`, … or a field path (`payload.change.project`). */
  id: string;
  label: string;
  kind: BaseColumn | 'field';
  /** CSS grid track. */
  track: string;
  /** Width in px for the resize handle's value: the set width, or about what the default track gives. */
  width: number;
}

const BASE: Record<BaseColumn, { label: string; track: string; width: number }> = {
  time: { label: 'Time', track: '96px', width: 96 },
  topic: { label: 'Topic', track: 'minmax(120px, 28%)', width: 280 },
  summary: { label: 'Message', track: 'minmax(120px, 1fr)', width: 480 },
  size: { label: 'Size', track: '64px', width: 64 },
  flags: { label: 'Flags', track: '80px', width: 80 },
};
const FIELD_WIDTH = 140;

/** The last label of a field path, as the widget's headers: `payload.change.project` → `project`. */
export function fieldLabel(path: string): string {
  const m = /(?:\.([^.[\]]+)|\["([^"]*)"\]|\[(-?\d+|\*?)\])$/.exec(path);
  return m?.[1] ?? m?.[2] ?? (m?.[3] !== undefined ? `[${m[3]}]` : path);
}

/** The log's columns in order: time, topic, message, the JSON field columns, size, flags. */
export function logColumns(display: LogDisplay): Column[] {
  const cols: Column[] = [];
  const base = (id: BaseColumn) => {
    if (display.hidden.includes(id)) return;
    const width = display.widths[id];
    cols.push({
      id,
      kind: id,
      label: id === 'summary' && display.showRaw ? 'Payload' : BASE[id].label,
      // The message column takes what is left unless given a width, so the row always fills the log.
      track:
        width !== undefined ? (id === 'summary' ? `minmax(${width}px, 1fr)` : `${width}px`) : BASE[id].track,
      width: width ?? BASE[id].width,
    });
  };
  base('time');
  base('topic');
  base('summary');
  for (const f of display.fields) {
    const width = display.widths[f];
    cols.push({
      id: f,
      kind: 'field',
      label: fieldLabel(f),
      track: width !== undefined ? `${width}px` : 'minmax(60px, 14%)',
      width: width ?? FIELD_WIDTH,
    });
  }
  base('size');
  base('flags');
  return cols;
}
