import { useEffect, useState } from 'react';
import { copyPlan } from '../payload/copyPlan';
import type { PayloadKind } from '../payload/decode';
import type { Inspection } from '../payload/inspect';

/** How long "Copied …" stays next to the button. */
const COPIED_NOTE_MS = 4000;

const EXTENSIONS: Record<PayloadKind, string> = { json: 'json', text: 'txt', binary: 'bin', empty: 'txt' };

/**
 * Copy (bounded: see copyPlan) and Download (any size: a Blob of the bytes, nothing built as a string).
 * The outcome is said next to the buttons, politely announced; never a second role=status on the page.
 */
export function PayloadActions({
  bytes,
  kind,
  inspection,
  name,
}: {
  bytes: Uint8Array;
  kind: PayloadKind;
  inspection: Inspection;
  /** File name without extension. */
  name: string;
}) {
  const [note, setNote] = useState('');
  // "Copied …" goes after a few seconds, as Copy link's "Link copied" does; a refusal stays.
  useEffect(() => {
    if (!note.startsWith('Copied')) return;
    const timer = setTimeout(() => setNote(''), COPIED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  const copy = async () => {
    const plan = copyPlan(bytes, kind, inspection.partial ? undefined : inspection.text);
    if (plan.text === undefined) {
      setNote(plan.note);
      return;
    }
    try {
      await navigator.clipboard.writeText(plan.text);
      setNote(plan.note);
    } catch {
      setNote('Not copied: the browser did not allow access to the clipboard.');
    }
  };

  const download = () => {
    const href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    const a = document.createElement('a');
    a.href = href;
    a.download = `${name}.${EXTENSIONS[kind]}`;
    a.click();
    // The download reads the Blob asynchronously; a minute is ample, and then its memory is released.
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  };

  return (
    <div className="payload-actions">
      <button type="button" className="ghost" onClick={() => void copy()}>
        Copy payload
      </button>
      <button type="button" className="ghost" onClick={download}>
        Download
      </button>
      <span className={note.startsWith('Copied') ? 'copy-note copied' : 'copy-note'} aria-live="polite">
        {note}
      </span>
    </div>
  );
}
