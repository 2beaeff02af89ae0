/**
 * User summary templates: `{payload.change.owner.name} merged {payload.change.number}` turns a message into
 * one line. Placeholders use the filter box's path syntax (query/jsonPath.ts: `payload.a.b`,
 * `payload.list[0]`, `payload["odd key"]`, `payload.list[].name` joins every element), plus `{topic}`
 * for the whole topic and `{topic[N]}` for one level (negative N counts from the end). `{{` and `}}` are
 * literal braces.
 *
 * Rendering never throws, whatever the payload: a placeholder that resolves to nothing makes the whole
 * template not apply (`null`), so the next rule or the raw preview shows instead of a line with holes.
 */

import { type JsonPath, scanPath } from '../../query/jsonPath';

export const MAX_TEMPLATE_CHARS = 300;
/** A summary is one line of a log row: longer ones end in '…'. Also bounds the per-message cache. */
export const MAX_SUMMARY_CHARS = 200;
/** A value substituted into a template, cut to this many characters. */
const MAX_VALUE_CHARS = 120;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'path'; path: JsonPath }
  | { kind: 'topic' }
  | { kind: 'level'; index: number };

export interface CompiledTemplate {
  readonly source: string;
  readonly parts: readonly Part[];
  /** Whether any placeholder reads the payload (else the JSON is not even parsed). */
  readonly needsJson: boolean;
}

export interface TemplateError {
  message: string;
  start: number;
  end: number;
}

export function compileTemplate(source: string): CompiledTemplate | TemplateError {
  if (source.trim() === '') return { message: 'The template is empty', start: 0, end: 0 };
  if (source.length > MAX_TEMPLATE_CHARS) {
    return {
      message: `The template is longer than ${MAX_TEMPLATE_CHARS} characters`,
      start: MAX_TEMPLATE_CHARS,
      end: source.length,
    };
  }
  const parts: Part[] = [];
  let text = '';
  let needsJson = false;
  let placeholders = 0;
  let i = 0;
  const flush = () => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '{' && source[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    if (c === '}' && source[i + 1] === '}') {
      text += '}';
      i += 2;
      continue;
    }
    if (c === '}') return { message: `Unmatched '}': write }} for a brace`, start: i, end: i + 1 };
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    const close = source.indexOf('}', i + 1);
    if (close === -1) return { message: `Unclosed '{'`, start: i, end: source.length };
    const inner = source.slice(i + 1, close).trim();
    const at = i;
    i = close + 1;
    flush();
    placeholders++;
    if (inner === 'topic') {
      parts.push({ kind: 'topic' });
      continue;
    }
    const level = /^topic\[(-?\d+)\]$/.exec(inner);
    if (level) {
      parts.push({ kind: 'level', index: Number(level[1]) });
      continue;
    }
    if (inner === 'payload') {
      parts.push({ kind: 'path', path: [] });
      needsJson = true;
      continue;
    }
    if (!inner.startsWith('payload.') && !inner.startsWith('payload[')) {
      return {
        message: `Unknown placeholder {${inner}}: use {payload.field}, {topic} or {topic[N]}`,
        start: at,
        end: close + 1,
      };
    }
    const scanned = scanPath(inner, 'payload'.length);
    if ('message' in scanned) return { message: scanned.message, start: at, end: close + 1 };
    if (scanned.end !== inner.length) {
      return { message: `Unexpected '${inner[scanned.end]}' in {${inner}}`, start: at, end: close + 1 };
    }
    parts.push({ kind: 'path', path: scanned.path });
    needsJson = true;
  }
  flush();
  if (placeholders === 0) {
    return {
      message: 'The template has no placeholder such as {payload.field}',
      start: 0,
      end: source.length,
    };
  }
  return { source, parts, needsJson };
}

export function isTemplateError(t: CompiledTemplate | TemplateError): t is TemplateError {
  return 'message' in t;
}

const CANONICAL_INDEX = /^(?:0|[1-9]\d*)$/;

/** Every value `path` reaches (several through `[]`), own properties only, as jsonPath.someAt walks. */
function collect(value: unknown, path: JsonPath, from: number, out: unknown[]): void {
  let v = value;
  for (let i = from; i < path.length; i++) {
    const seg = path[i];
    if (seg === undefined) return;
    if (seg.kind === 'each') {
      if (!Array.isArray(v)) return;
      for (const e of v) {
        if (out.length >= 20) return;
        collect(e, path, i + 1, out);
      }
      return;
    }
    if (seg.kind === 'index') {
      if (!Array.isArray(v)) return;
      v = v[seg.index < 0 ? v.length + seg.index : seg.index];
    } else if (v === null || typeof v !== 'object') return;
    else if (Array.isArray(v)) v = CANONICAL_INDEX.test(seg.key) ? v[Number(seg.key)] : undefined;
    else v = Object.hasOwn(v, seg.key) ? (v as Record<string, unknown>)[seg.key] : undefined;
    if (v === undefined) return;
  }
  out.push(v);
}

/** The values a path reaches in a parsed payload (empty when none). */
export function valuesAt(root: unknown, path: JsonPath): unknown[] {
  const out: unknown[] = [];
  if (root !== undefined) collect(root, path, 0, out);
  return out;
}

/** One value as one line: strings as they are, the rest as JSON; whitespace runs become one space. */
export function valueText(value: unknown, maxChars = MAX_VALUE_CHARS): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return clip(text.replace(/\s+/g, ' ').trim(), maxChars);
}

/** Cuts to `max` characters with '…', never leaving half a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

export interface TemplateInput {
  topic: string;
  /** Topic levels in the connection's syntax. */
  levels: readonly string[];
  /** The parsed payload, or undefined when it is not JSON. */
  json: unknown;
}

/** The template filled in, or null when a placeholder has no value in this message. */
export function renderTemplate(t: CompiledTemplate, input: TemplateInput): string | null {
  let out = '';
  for (const part of t.parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'topic':
        out += input.topic;
        break;
      case 'level': {
        const n = input.levels.length;
        const level = input.levels[part.index < 0 ? n + part.index : part.index];
        if (level === undefined) return null;
        out += level;
        break;
      }
      case 'path': {
        const values = valuesAt(input.json, part.path);
        if (values.length === 0) return null;
        out += values.map((v) => valueText(v)).join(', ');
        break;
      }
    }
    if (out.length > MAX_SUMMARY_CHARS * 2) break;
  }
  const line = out.replace(/\s+/g, ' ').trim();
  return line === '' ? null : clip(line, MAX_SUMMARY_CHARS);
}
