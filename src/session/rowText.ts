import type { EntryView, LogEntry } from '../ingest/types';
import type { HighlightColor, LogDisplay } from '../payload/logDisplay';
import { parseJsonPayload, Summarizer } from '../payload/summary/summarize';
import { valuesAt, valueText } from '../payload/summary/template';
import { type JsonPath, scanPath } from '../query/jsonPath';
import { compileQuery, type MessagePredicate, parseQuery } from '../query/query';
import type { TopicSyntax } from '../topics/syntax';
import { EntryFacts } from './messageFacts';

/** A field column's cell, cut to this many characters (the cell is narrower anyway; the title has it all). */
const MAX_CELL_CHARS = 60;
const MAX_CELLS = 6;

let generation = 0;

/**
 * What a log row shows beyond topic and preview, for one column setup: the summary, the JSON field
 * cells and the highlight colour. Computed lazily, only for rows that are drawn, at most once per
 * message per setup (cached on the entry as `view`, counted against the buffer's byte cap), and the
 * payload's JSON is parsed at most once for all three. A new setup (new templates, columns, rules or
 * topic syntax) gets a new generation, and old caches are recomputed as their rows are drawn again.
 */
export class RowText {
  readonly gen = ++generation;
  private readonly summarizer: Summarizer | null;
  private readonly fields: JsonPath[];
  private readonly highlights: Array<{ test: MessagePredicate; color: HighlightColor }> = [];
  private readonly facts = new EntryFacts();

  constructor(display: LogDisplay, syntax: TopicSyntax) {
    this.summarizer = display.showRaw ? null : new Summarizer(display.summaries, syntax);
    this.fields = display.fields.slice(0, MAX_CELLS).map((f) => {
      const scanned = scanPath(f, 'payload'.length);
      return 'message' in scanned ? [] : scanned.path;
    });
    for (const rule of display.highlights) {
      const { ast, error } = parseQuery(rule.filter, syntax);
      const test = error ? null : compileQuery(ast, { now: Date.now });
      if (test) this.highlights.push({ test, color: rule.color });
    }
  }

  of(entry: LogEntry): EntryView {
    const cached = entry.view;
    if (cached !== undefined && cached.gen === this.gen) return cached;
    let json: unknown;
    let parsed = false;
    const thunk = () => {
      if (!parsed) {
        json = parseJsonPayload(entry.payload);
        parsed = true;
      }
      return json;
    };
    const view: EntryView = {
      gen: this.gen,
      summary: this.summarizer?.summarize(entry.topic, thunk) ?? null,
      cells: this.fields.map((path) => {
        if (path.length === 0) return '—';
        const values = valuesAt(thunk(), path);
        return values.length === 0
          ? '—'
          : valueText(values.map((v) => valueText(v)).join(', '), MAX_CELL_CHARS);
      }),
      color: null,
    };
    view.color = this.colorOf(entry, parsed && json !== undefined ? json : undefined);
    entry.view = view;
    return view;
  }

  private colorOf(entry: LogEntry, json: unknown): HighlightColor | null {
    if (this.highlights.length === 0) return null;
    const facts = this.facts.reset(entry);
    if (json !== undefined) facts.seedJson(json);
    for (const h of this.highlights) {
      try {
        if (h.test(facts)) return h.color;
      } catch {
        // A rule that cannot be evaluated on this message does not colour it.
      }
    }
    return null;
  }
}
