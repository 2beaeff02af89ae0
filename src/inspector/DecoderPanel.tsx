import { useEffect, useId, useState } from 'react';
import type { LogEntry } from '../ingest/types';
import type { PayloadKind } from '../payload/decode';
import {
  autoDecode,
  compressionOf,
  DECODERS,
  type DecoderId,
  type Decoding,
  decoderLabel,
  isDecoderId,
  ruleFor,
  runDecoder,
  SPARKPLUG_NAMESPACE,
} from '../payload/decoders';
import { formatBytes } from '../payload/format';
import { useFirehose } from '../session/SessionContext';
import { topicSyntax } from '../topics/syntax';
import { removeDecoderRule, setDecoderRule, useDecoderRules } from './decoderRules';

/** Decoding runs on the page; above this it would stall the inspector, so the hex view is the answer. */
const MAX_DECODE_BYTES = 4 * 1024 * 1024;
/** A decoded value is shown as indented JSON up to this many characters, then cut with a note. */
const MAX_SHOWN_CHARS = 512 * 1024;

type Choice = 'auto' | DecoderId;
type State = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: Decoding | undefined };

function render(result: Decoding): { text: string; cut: boolean } {
  if (!result.ok) return { text: '', cut: false };
  let text: string;
  if (result.text !== undefined) text = result.text;
  else {
    try {
      text = JSON.stringify(result.value, null, 2) ?? String(result.value);
    } catch (e) {
      text = `Could not show the value: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return text.length > MAX_SHOWN_CHARS
    ? { text: text.slice(0, MAX_SHOWN_CHARS), cut: true }
    : { text, cut: false };
}

/** Whether the decoder section is worth showing without the user asking: bytes the text views cannot read. */
export function wantsDecoding(entry: LogEntry, kind: PayloadKind, levels: readonly string[]): boolean {
  return kind === 'binary' || levels[0] === SPARKPLUG_NAMESPACE || compressionOf(entry.payload) !== null;
}

/**
 * `Decode as`: the bytes through a decoder (automatic guess, a per-topic rule, or the user's choice), with
 * the result or the decoder's error. It sits beside the raw views and never replaces them: a wrong guess
 * leaves the hex dump one click away.
 */
export function DecoderPanel({ entry, kind }: { entry: LogEntry; kind: PayloadKind }) {
  const syntaxId = useFirehose((s) => s.syntax);
  const syntax = topicSyntax(syntaxId);
  const rules = useDecoderRules();
  const levels = syntax.split(entry.topic);
  const rule = ruleFor(rules, entry.topic, (pattern, topic) => {
    if (syntax.validate(pattern)) return false;
    return syntax.compile(pattern)(topic);
  });
  const [picked, setPicked] = useState<Choice | null>(null);
  const choice: Choice = picked ?? rule?.decoder ?? 'auto';
  const [open, setOpen] = useState(() => rule !== undefined || wantsDecoding(entry, kind, levels));
  const [state, setState] = useState<State>({ status: 'idle' });
  const selectId = useId();
  const tooLarge = entry.payload.byteLength > MAX_DECODE_BYTES;

  useEffect(() => {
    if (!open || tooLarge) return;
    let current = true;
    setState({ status: 'running' });
    const bytes = entry.payload;
    const lv = syntax.split(entry.topic);
    const run = choice === 'auto' ? autoDecode(bytes, lv) : runDecoder(choice, bytes, lv);
    run.then(
      (result) => current && setState({ status: 'done', result }),
      (e) =>
        current &&
        setState({
          status: 'done',
          result: { ok: false, decoder: choice === 'auto' ? 'json' : choice, error: String(e) },
        }),
    );
    return () => {
      current = false;
    };
  }, [open, choice, entry, tooLarge, syntax]);

  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Decode as…
      </button>
    );
  }

  // A rule covers the message's siblings and their subtrees (`plant/sensors/#` for `plant/sensors/t1`):
  // producers of one encoding usually share a parent level.
  const rulePattern =
    levels.length > 1 ? syntax.subtreeFilter(levels.slice(0, -1)) : syntax.exactFilter(levels);
  const result = state.status === 'done' ? state.result : undefined;
  const shown = result ? render(result) : undefined;

  return (
    <section className="decoded" aria-label="Decoded payload">
      <div className="decoded-tools">
        <label htmlFor={selectId}>Decode as</label>
        <select
          id={selectId}
          value={choice}
          onChange={(e) => {
            const v = e.target.value;
            setPicked(v === 'auto' ? 'auto' : isDecoderId(v) ? v : 'auto');
          }}
        >
          <option value="auto">Automatic</option>
          {DECODERS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
        {choice !== 'auto' && rule?.decoder !== choice && (
          <button type="button" onClick={() => setDecoderRule({ pattern: rulePattern, decoder: choice })}>
            Always decode {rulePattern} as {decoderLabel(choice)}
          </button>
        )}
        {rule && (
          <button type="button" onClick={() => removeDecoderRule(rule.pattern)}>
            Remove rule {rule.pattern} → {decoderLabel(rule.decoder)}
          </button>
        )}
      </div>
      <div role="status" className="hint">
        {tooLarge &&
          `${formatBytes(entry.payload.byteLength)} is too large to decode here; see the hex view.`}
        {state.status === 'running' && 'Decoding…'}
        {state.status === 'done' &&
          (result === undefined
            ? 'No decoder recognises these bytes; the hex view shows them as they are.'
            : result.ok
              ? `Decoded as ${decoderLabel(result.decoder)}${result.via ? ` after ${decoderLabel(result.via)}` : ''}${
                  choice === 'auto'
                    ? ' (automatic)'
                    : rule?.decoder === choice && picked === null
                      ? ` (rule ${rule.pattern})`
                      : ''
                }`
              : `Could not decode as ${decoderLabel(result.decoder)}: ${result.error}. The raw views below still show the bytes.`)}
      </div>
      {shown && result?.ok && (
        <pre className="wrap decoded-value">
          {shown.text}
          {shown.cut && '\n… (cut: the decoded value is longer than 512 kB)'}
        </pre>
      )}
    </section>
  );
}
