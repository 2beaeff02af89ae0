/**
 * The pure half of the JSON tree: what a node shows and how much of it, so the component renders a
 * bounded number of rows whatever the document.
 *
 * The old tree rendered every node (closed `<details>` included): a 1 MB array of 100×100×50 zeros became
 * 1.56 million DOM nodes and 1.28 GB of heap, and 10,000 levels of nesting froze the tab for 43 s.
 * Now a node's children exist only while it is open, at most CHILD_PAGE of them at a time, nothing below
 * MAX_VISIBLE_DEPTH levels of the current root, and only as many levels open by default as
 * `initialOpenDepth` allows for a budget of rows.
 */

import { revealInvisible } from '../payload/reveal';

/** Children rendered per open container, and per "Show next" press. */
export const CHILD_PAGE = 100;
/** Levels rendered below the tree's current root; deeper, a node offers to become the root. */
export const MAX_VISIBLE_DEPTH = 32;
/** Characters of a string value shown in the tree; the Text view has the rest. */
export const MAX_STRING_CHARS = 1_000;
/** Rows the tree may render before the user opens anything. */
export const OPEN_BUDGET = 300;

export type JsonContainer = readonly unknown[] | Readonly<Record<string, unknown>>;

/** A path from the document's root, built as a linked list so that rendering a child costs O(1). */
export type JsonPath = { readonly parent: JsonPath | null; readonly key: string | number } | null;

export function isContainer(v: unknown): v is JsonContainer {
  return v !== null && typeof v === 'object';
}

// Object.keys of a 100,000-key object costs milliseconds; a re-render must not pay it again.
const keysCache = new WeakMap<object, string[]>();

function keysOf(v: Readonly<Record<string, unknown>>): string[] {
  let keys = keysCache.get(v);
  if (!keys) {
    keys = Object.keys(v);
    keysCache.set(v, keys);
  }
  return keys;
}

export function childCount(v: JsonContainer): number {
  return Array.isArray(v) ? v.length : keysOf(v as Record<string, unknown>).length;
}

export interface JsonChild {
  key: string | number;
  value: unknown;
}

/** Children `start` (inclusive) to `end` (exclusive), in document order. */
export function childrenSlice(v: JsonContainer, start: number, end: number): JsonChild[] {
  const out: JsonChild[] = [];
  if (Array.isArray(v)) {
    for (let i = start; i < Math.min(end, v.length); i++) out.push({ key: i, value: v[i] });
    return out;
  }
  const record = v as Record<string, unknown>;
  const keys = keysOf(record);
  for (let i = start; i < Math.min(end, keys.length); i++) {
    const key = keys[i] as string;
    out.push({ key, value: record[key] });
  }
  return out;
}

/** `[]`, `{}`, `[ 3 items ]`, `{ 1 item }`. */
export function containerSummary(v: JsonContainer): string {
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  const n = childCount(v);
  if (n === 0) return `${open}${close}`;
  return `${open} ${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'} ${close}`;
}

export interface Label {
  text: string;
  /** Hidden or control characters revealed in `text`. */
  hidden: number;
}

/** An array index as is, an object key as a JSON string with hidden characters revealed. */
export function keyLabel(key: string | number): Label {
  if (typeof key === 'number') return { text: String(key), hidden: 0 };
  return revealInvisible(JSON.stringify(key));
}

export interface ScalarLabel extends Label {
  /** Characters of a long string left out. */
  cut: number;
}

/** A scalar as JSON, with long strings cut to `maxChars` and hidden characters revealed. */
export function scalarLabel(v: unknown, maxChars = MAX_STRING_CHARS): ScalarLabel {
  if (typeof v === 'string' && v.length > maxChars) {
    let end = maxChars;
    const c = v.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    const shown = revealInvisible(`${JSON.stringify(v.slice(0, end)).slice(0, -1)}…"`);
    return { ...shown, cut: v.length - end };
  }
  return { ...revealInvisible(JSON.stringify(v) ?? String(v)), cut: 0 };
}

export function pathKeys(path: JsonPath): Array<string | number> {
  const keys: Array<string | number> = [];
  for (let p = path; p; p = p.parent) keys.push(p.key);
  return keys.reverse();
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function segment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * A JSONPath-like label for a node: `$`, `$.change.project`, `$[0]["a b"]`. A path over `maxSegments`
 * long keeps its first and last few segments around `…`; hidden characters are revealed.
 */
export function pathLabel(path: JsonPath, maxSegments = 8): string {
  const keys = pathKeys(path);
  const parts =
    keys.length > maxSegments
      ? [...keys.slice(0, 3).map(segment), '…', ...keys.slice(-(maxSegments - 3)).map(segment)]
      : keys.map(segment);
  return revealInvisible(`$${parts.join('')}`).text;
}

export function pathDepth(path: JsonPath): number {
  let n = 0;
  for (let p = path; p; p = p.parent) n++;
  return n;
}

/** Rows rendered when a container's first CHILD_PAGE children are shown. */
function pageRows(v: JsonContainer): number {
  return Math.min(CHILD_PAGE, childCount(v));
}

/**
 * How many levels to open when the tree is shown: 2 (the root and its children open, as for a typical
 * event) if that renders at most `budget` rows, else 1 (only the root open). 0 is never returned: the
 * root of a container is always open.
 */
export function initialOpenDepth(v: unknown, budget = OPEN_BUDGET): number {
  if (!isContainer(v)) return 1;
  let rows = pageRows(v);
  for (const child of childrenSlice(v, 0, CHILD_PAGE)) {
    if (isContainer(child.value)) rows += pageRows(child.value);
    if (rows > budget) return 1;
  }
  return 2;
}

/**
 * Rows `Expand all` may render: 1,000 rows are ~8,000 DOM nodes, laid out in a frame or two. A 1 MB
 * array of 100×100×50 zeros fully open would be 510,101 rows.
 */
export const EXPAND_ALL_BUDGET = 1_000;

export interface ExpandAll {
  /** Levels to open (the root is level 0): containers above this depth start open. */
  depth: number;
  /** Rows that opening them renders (children pages of CHILD_PAGE, as the tree shows them). */
  rows: number;
  /** Every container in the shown pages is open; false when the budget or MAX_VISIBLE_DEPTH stopped it. */
  complete: boolean;
}

/**
 * How many levels `Expand all` opens: level by level, as long as opening every container of the next
 * level keeps the rendered rows within `budget`. The root is always open.
 */
export function expandAllDepth(v: unknown, budget = EXPAND_ALL_BUDGET): ExpandAll {
  if (!isContainer(v)) return { depth: 1, rows: 0, complete: true };
  let level: JsonContainer[] = [v];
  let rows = 0;
  for (let depth = 0; depth < MAX_VISIBLE_DEPTH; depth++) {
    let add = 0;
    const next: JsonContainer[] = [];
    for (const c of level) {
      add += pageRows(c);
      if (rows + add > budget && depth > 0) return { depth, rows, complete: false };
      for (const child of childrenSlice(c, 0, CHILD_PAGE)) {
        if (isContainer(child.value) && childCount(child.value) > 0) next.push(child.value);
      }
    }
    rows += add;
    if (next.length === 0) return { depth: depth + 1, rows, complete: true };
    level = next;
  }
  return { depth: MAX_VISIBLE_DEPTH, rows, complete: false };
}

/** Characters `Copy value` puts on the clipboard at most (1 M, as Copy payload). */
export const COPY_VALUE_MAX_CHARS = 1024 * 1024;

/** What `Copy value` copies: a string as its text, anything else as pretty JSON; null when too long. */
export function copyValueText(v: unknown): string | null {
  const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
  return text.length > COPY_VALUE_MAX_CHARS ? null : text;
}
