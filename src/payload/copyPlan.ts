/**
 * What "Copy payload" puts on the clipboard, bounded.
 *
 * The old button built a `hexdump -C` of any binary payload synchronously: 52 million characters for
 * 10 MB, seconds of frozen tab. Now text up to COPY_MAX_BYTES is copied as it is (it is already decoded
 * when the inspector opens it), binary up to COPY_HEX_MAX_BYTES as the same hex dump the Hex view shows
 * and above that, up to COPY_MAX_BYTES, as base64 (4 characters per 3 bytes, built in 32 kB slices).
 * Anything larger is not copied and the note says to download it instead.
 */

import type { PayloadKind } from './decode';
import { formatBytes } from './format';
import { hexDumpLines } from './hexDump';

/** Larger payloads are not copied (Download has no limit): 1 MiB, the inspector's full-view size. */
export const COPY_MAX_BYTES = 1024 * 1024;
/** Binary up to this is copied as a hex dump (4,096 lines, ~320 k characters); above it as base64. */
export const COPY_HEX_MAX_BYTES = 64 * 1024;

export type CopyPlan = { text: string; note: string } | { text?: undefined; note: string };

const SLICE = 0x8000;

/** Standard base64 of `bytes`, built a 32 kB slice at a time (no giant argument lists, no recursion). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Slices are a multiple of 3 bytes so that each encodes without padding and the parts concatenate.
  const step = SLICE - (SLICE % 3);
  for (let i = 0; i < bytes.length; i += step) {
    const slice = bytes.subarray(i, i + step);
    let binary = '';
    for (let j = 0; j < slice.length; j += 4096) {
      binary += String.fromCharCode(...slice.subarray(j, j + 4096));
    }
    parts.push(btoa(binary));
  }
  return parts.join('');
}

const lenientUtf8 = new TextDecoder('utf-8');

/**
 * What to copy for a payload of `kind`. `text` is its decoded text when the caller has it (the inspector
 * always has for payloads up to COPY_MAX_BYTES).
 */
export function copyPlan(bytes: Uint8Array, kind: PayloadKind, text?: string): CopyPlan {
  const size = bytes.length;
  if (size > COPY_MAX_BYTES) {
    return {
      note: `Not copied: ${formatBytes(size)} is over the ${formatBytes(COPY_MAX_BYTES)} copy limit. Use Download.`,
    };
  }
  if (kind === 'binary') {
    if (size <= COPY_HEX_MAX_BYTES)
      return { text: hexDumpLines(bytes).join('\n'), note: 'Copied as a hex dump.' };
    return {
      text: toBase64(bytes),
      note: `Copied as base64 (a hex dump is limited to ${formatBytes(COPY_HEX_MAX_BYTES)}).`,
    };
  }
  return { text: text ?? lenientUtf8.decode(bytes), note: `Copied ${formatBytes(size)} of text.` };
}
