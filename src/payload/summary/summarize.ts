/**
 * Which summary a message gets: the user's rules first (in order, so a user can override a built-in),
 * then the built-ins. A rule applies when its topic pattern matches and its template fills in; otherwise
 * the next one is tried, and with none the row shows the raw preview.
 */

import type { TopicMatcher } from '../../topics/matchTopic';
import type { TopicSyntax } from '../../topics/syntax';
import { BUILTIN_SUMMARIES, fitSummary } from './builtin';
import { type CompiledTemplate, compileTemplate, isTemplateError, renderTemplate } from './template';

export interface SummaryRule {
  /** Topic pattern in the connection's syntax (MQTT filter or AMQP pattern). */
  pattern: string;
  /** `{payload.a.b}` placeholders, see template.ts. */
  template: string;
}

export const MAX_SUMMARY_RULES = 20;

/** Why a rule cannot be used, or null: the pattern must be valid in `syntax`, the template must compile. */
export function checkSummaryRule(rule: SummaryRule, syntax: TopicSyntax): string | null {
  if (rule.pattern.trim() === '') return 'The topic pattern is empty';
  const bad = syntax.validate(rule.pattern);
  if (bad) return `Topic pattern ${JSON.stringify(rule.pattern)}: ${bad.message}`;
  const t = compileTemplate(rule.template);
  if (isTemplateError(t)) return `Template ${JSON.stringify(clipForMessage(rule.template))}: ${t.message}`;
  return null;
}

function clipForMessage(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

interface CompiledRule {
  matches: TopicMatcher;
  template: CompiledTemplate;
}

/** Reads a payload as JSON at most once per call of `summarize`/`cells`: the caller passes a memoised thunk. */
export type JsonThunk = () => unknown;

export class Summarizer {
  private readonly rules: CompiledRule[] = [];

  constructor(
    rules: readonly SummaryRule[],
    private readonly syntax: TopicSyntax,
  ) {
    for (const rule of rules.slice(0, MAX_SUMMARY_RULES)) {
      if (checkSummaryRule(rule, syntax) !== null) continue;
      const template = compileTemplate(rule.template);
      if (isTemplateError(template)) continue;
      this.rules.push({ matches: syntax.compile(rule.pattern), template });
    }
  }

  /** One line for the message, or null when no rule applies. Never throws. */
  summarize(topic: string, json: JsonThunk): string | null {
    let levels: readonly string[] | undefined;
    const levelsOf = () => {
      levels ??= this.syntax.split(topic);
      return levels;
    };
    for (const rule of this.rules) {
      if (!rule.matches(topic)) continue;
      const line = renderTemplate(rule.template, {
        topic,
        levels: levelsOf(),
        json: rule.template.needsJson ? json() : undefined,
      });
      if (line !== null) return line;
    }
    for (const builtin of BUILTIN_SUMMARIES) {
      if (!builtin.matches(levelsOf())) continue;
      const value = json();
      if (value === undefined) continue;
      try {
        const line = fitSummary(builtin.summarize(value, levelsOf()));
        if (line !== null && line !== '') return line;
      } catch {
        // A built-in is defensive by construction; a bug in one must not take the log down.
      }
    }
    return null;
  }
}

/** Payloads above this are not parsed for a summary or a column: the row shows the raw preview. */
export const MAX_SUMMARY_PARSE_BYTES = 256 * 1024;
const UTF8 = new TextDecoder('utf-8');

/**
 * The payload as parsed JSON, or undefined: only payloads that start (after whitespace) with `{` or `[`
 * and are at most MAX_SUMMARY_PARSE_BYTES long are tried, so binary and text never pay for a failing
 * JSON.parse.
 */
export function parseJsonPayload(bytes: Uint8Array): unknown {
  if (bytes.length === 0 || bytes.length > MAX_SUMMARY_PARSE_BYTES) return undefined;
  let i = 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  if (bytes[i] !== 0x7b && bytes[i] !== 0x5b) return undefined;
  try {
    return JSON.parse(UTF8.decode(bytes));
  } catch {
    return undefined;
  }
}
