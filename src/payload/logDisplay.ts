/**
 * How the log shows messages, as the user set it up: summary templates, columns (hidden, widths, JSON
 * fields), the time format, raw payloads instead of summaries, and highlight rules. Kept in saved
 * settings and, in part, carried by links. `parseLogDisplay` reads it back from anything (localStorage
 * written by an older version or by hand) and says what it rejected and why.
 */

import { scanPath } from '../query/jsonPath';
import { parseQuery } from '../query/query';
import type { TopicSyntax } from '../topics/syntax';
import { formatTime } from './format';
import { checkSummaryRule, MAX_SUMMARY_RULES, type SummaryRule } from './summary/summarize';

export type TimeFormat = 'local' | 'utc' | 'relative';
export const TIME_FORMATS: readonly TimeFormat[] = ['local', 'utc', 'relative'];

/** The fixed columns; JSON field columns are keyed by their path. */
export type BaseColumn = 'time' | 'topic' | 'summary' | 'size' | 'flags';
export const BASE_COLUMNS: readonly BaseColumn[] = ['time', 'topic', 'summary', 'size', 'flags'];

/** Named so the stylesheet can give each one AA contrast in both themes. */
export const HIGHLIGHT_COLORS = ['red', 'amber', 'green', 'blue', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export interface HighlightRule {
  /** A filter in the query language (as typed in `Filter messages`). */
  filter: string;
  color: HighlightColor;
}

export interface LogDisplay {
  summaries: SummaryRule[];
  /** Show the raw payload preview in the message column instead of summaries. */
  showRaw: boolean;
  time: TimeFormat;
  hidden: BaseColumn[];
  /** JSON field columns: `payload.change.project`, as the widget's `fields=`. */
  fields: string[];
  /** Column widths in px, by column id (`time`, `topic`, …) or field path. */
  widths: Record<string, number>;
  highlights: HighlightRule[];
}

export const DEFAULT_DISPLAY: LogDisplay = {
  summaries: [],
  showRaw: false,
  time: 'local',
  hidden: [],
  fields: [],
  widths: {},
  highlights: [],
};

export const MAX_FIELD_COLUMNS = 6;
export const MAX_HIGHLIGHT_RULES = 20;
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 2000;

/** Why a field path cannot be a column, or null. */
export function checkFieldPath(path: string): string | null {
  if (!path.startsWith('payload.') && !path.startsWith('payload[')) {
    return `Field ${JSON.stringify(path)} must start with payload. (e.g. payload.change.project)`;
  }
  const scanned = scanPath(path, 'payload'.length);
  if ('message' in scanned) return `Field ${JSON.stringify(path)}: ${scanned.message}`;
  if (scanned.end !== path.length) return `Field ${JSON.stringify(path)}: unexpected '${path[scanned.end]}'`;
  if (scanned.path.length === 0) return `Field ${JSON.stringify(path)} names no field`;
  return null;
}

export function checkHighlightRule(rule: HighlightRule, syntax: TopicSyntax): string | null {
  if (!HIGHLIGHT_COLORS.includes(rule.color)) return `Unknown colour ${JSON.stringify(rule.color)}`;
  if (rule.filter.trim() === '') return 'The highlight filter is empty';
  const { error } = parseQuery(rule.filter, syntax);
  return error ? `Highlight filter ${JSON.stringify(rule.filter)}: ${error.message}` : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Reads saved display settings. Never throws: every entry it cannot use is dropped and reported in
 * `errors` ("Ignored summary template 2: …"), the rest is kept.
 */
export function parseLogDisplay(
  raw: unknown,
  syntax: TopicSyntax,
): { display: LogDisplay; errors: string[] } {
  const display: LogDisplay = {
    ...DEFAULT_DISPLAY,
    summaries: [],
    hidden: [],
    fields: [],
    widths: {},
    highlights: [],
  };
  const errors: string[] = [];
  if (raw === undefined) return { display, errors };
  if (!isObject(raw)) return { display, errors: ['Ignored the saved log layout: not an object'] };
  if (Array.isArray(raw.summaries)) {
    for (const [i, r] of raw.summaries.entries()) {
      const n = `Ignored saved summary template ${i + 1}`;
      if (display.summaries.length >= MAX_SUMMARY_RULES) {
        errors.push(`${n}: at most ${MAX_SUMMARY_RULES}`);
        continue;
      }
      if (!isObject(r) || typeof r.pattern !== 'string' || typeof r.template !== 'string') {
        errors.push(`${n}: not a {pattern, template} pair`);
        continue;
      }
      const rule = { pattern: r.pattern, template: r.template };
      const bad = checkSummaryRule(rule, syntax);
      if (bad) {
        errors.push(`${n}: ${bad}`);
        continue;
      }
      display.summaries.push(rule);
    }
  } else if (raw.summaries !== undefined) errors.push('Ignored saved summary templates: not a list');
  if (raw.showRaw === true) display.showRaw = true;
  if (typeof raw.time === 'string' && (TIME_FORMATS as readonly string[]).includes(raw.time))
    display.time = raw.time as TimeFormat;
  if (Array.isArray(raw.hidden)) {
    for (const c of raw.hidden)
      if ((BASE_COLUMNS as readonly unknown[]).includes(c) && !display.hidden.includes(c as BaseColumn))
        display.hidden.push(c as BaseColumn);
  }
  if (Array.isArray(raw.fields)) {
    for (const f of raw.fields) {
      if (typeof f !== 'string') continue;
      const bad = checkFieldPath(f);
      if (bad) errors.push(`Ignored saved column: ${bad}`);
      else if (display.fields.length < MAX_FIELD_COLUMNS && !display.fields.includes(f))
        display.fields.push(f);
    }
  }
  if (isObject(raw.widths)) {
    for (const [k, v] of Object.entries(raw.widths)) {
      if (typeof v === 'number' && Number.isFinite(v) && k.length <= 300)
        display.widths[k] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, v)));
    }
  }
  if (Array.isArray(raw.highlights)) {
    for (const [i, r] of raw.highlights.entries()) {
      const n = `Ignored saved highlight rule ${i + 1}`;
      if (display.highlights.length >= MAX_HIGHLIGHT_RULES) {
        errors.push(`${n}: at most ${MAX_HIGHLIGHT_RULES}`);
        continue;
      }
      if (!isObject(r) || typeof r.filter !== 'string' || typeof r.color !== 'string') {
        errors.push(`${n}: not a {filter, color} pair`);
        continue;
      }
      const rule = { filter: r.filter, color: r.color as HighlightColor };
      const bad = checkHighlightRule(rule, syntax);
      if (bad) {
        errors.push(`${n}: ${bad}`);
        continue;
      }
      display.highlights.push(rule);
    }
  }
  return { display, errors };
}

/** Number of topic colours in the stylesheet (`--topic-0` … `--topic-7`, AA in both themes). */
export const TOPIC_COLORS = 8;

/** A stable colour index for a topic's first level: the same root gets the same colour on every load. */
export function topicColorIndex(root: string): number {
  // FNV-1a over UTF-16 units: cheap, and well spread for short, similar strings (`gerrit`, `github`).
  let h = 0x811c9dc5;
  for (let i = 0; i < root.length; i++) {
    h ^= root.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % TOPIC_COLORS;
}

/** "12:00:01.250" local, "11:00:01.250Z" UTC, or "4 s ago"; the full date is the cell's title. */
export function formatTimeAs(ms: number, format: TimeFormat, now: number): string {
  if (format === 'local') return formatTime(ms);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '--:--:--.---';
  if (format === 'utc') return `${d.toISOString().slice(11, 23)}Z`;
  const s = Math.max(0, Math.floor((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.floor(h / 24)} d ago`;
}

// One formatter for every row: `toLocaleString` with options builds a new Intl.DateTimeFormat per call,
// which a profile at 2,000 msgs/s put at 19 % of the main thread (a title for each rendered row).
const FULL_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'medium' });

/** The full date for a time cell's title: local and UTC, to the millisecond. */
export function fullDate(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  return `${FULL_DATE.format(d)} (${d.toISOString()})`;
}
