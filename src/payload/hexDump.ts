/**
 * Classic `hexdump -C` lines for the inspector's hex view:
 *
 *   00000000  7b 22 61 22 3a 31 7d                              |{"a":1}|
 *
 * `start` and `maxLines` let a virtualised view render only the visible window of a large payload.
 */

const BYTES_PER_LINE = 16;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// 16 "xx " cells plus the one extra space between the two groups of 8.
const HEX_COLUMN_WIDTH = BYTES_PER_LINE * 3 + 1;

function asciiChar(b: number): string {
  // Printable ASCII only; everything else (controls, DEL, any byte ≥ 0x80) shows as '.'.
  return b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
}

/**
 * Hex dump lines for `bytes` from byte offset `start` (normally a multiple of 16), at most `maxLines`.
 * A short last line is padded so its ASCII column lines up with the others.
 */
export function hexDumpLines(bytes: Uint8Array, start = 0, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  for (let offset = Math.max(0, start); offset < bytes.length && lines.length < maxLines; ) {
    const end = Math.min(offset + BYTES_PER_LINE, bytes.length);
    let hex = '';
    let ascii = '';
    for (let i = offset; i < end; i++) {
      const b = bytes[i] ?? 0;
      hex += `${HEX[b]} `;
      if (i - offset === 7) hex += ' ';
      ascii += asciiChar(b);
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(HEX_COLUMN_WIDTH)} |${ascii}|`);
    offset = end;
  }
  return lines;
}
