import { useSyncExternalStore } from 'react';
import { type DecoderRule, parseDecoderRules } from '../payload/decoders';

/** Per-topic decoder choices, kept in this browser. Read once; a corrupt entry is dropped and named. */
export const DECODER_RULES_KEY = 'firehose-viewer:decoders:v1';

let rules: readonly DecoderRule[] = [];
let loadErrors: string[] = [];
const listeners = new Set<() => void>();

function load(): void {
  try {
    const raw = localStorage.getItem(DECODER_RULES_KEY);
    if (raw === null) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      loadErrors = ['Saved decoder rules were corrupt (not JSON) and have been reset'];
      localStorage.removeItem(DECODER_RULES_KEY);
      return;
    }
    const parsed = parseDecoderRules(json);
    rules = parsed.rules;
    loadErrors = parsed.errors.map((e) => `Saved ${e}; ignored`);
  } catch {
    // storage disabled (sandboxed iframe, privacy mode): rules last for this page only
  }
}
load();

function save(next: readonly DecoderRule[]): void {
  rules = next;
  try {
    localStorage.setItem(DECODER_RULES_KEY, JSON.stringify(next));
  } catch {
    // quota or disabled storage: the rule still applies until reload
  }
  for (const l of listeners) l();
}

export function decoderRules(): readonly DecoderRule[] {
  return rules;
}

/** Errors found in the saved rules when the page loaded, for a notice. */
export function decoderRuleErrors(): readonly string[] {
  return loadErrors;
}

/** Sets the rule for `pattern` (replacing one with the same pattern), most recent first. */
export function setDecoderRule(rule: DecoderRule): void {
  save([rule, ...rules.filter((r) => r.pattern !== rule.pattern)]);
}

export function removeDecoderRule(pattern: string): void {
  save(rules.filter((r) => r.pattern !== pattern));
}

export function useDecoderRules(): readonly DecoderRule[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => rules,
  );
}
