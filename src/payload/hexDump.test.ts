import { describe, expect, it } from 'vitest';
import { hexDumpLines } from './hexDump';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('hexDumpLines', () => {
  it('pads a short line so the ASCII column lines up', () => {
    expect(hexDumpLines(bytes('{"a":1}'))).toEqual([
      '00000000  7b 22 61 22 3a 31 7d                              |{"a":1}|',
    ]);
  });

  it('formats full lines as two groups of eight like hexdump -C', () => {
    expect(hexDumpLines(bytes('0123456789abcdef0'))).toEqual([
      '00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|',
      '00000010  30                                                |0|',
    ]);
  });

  it('puts every line of a payload at the same width', () => {
    const lines = hexDumpLines(new Uint8Array(40).map((_, i) => i));
    expect(lines).toHaveLength(3);
    const barAt = lines.map((l) => l.indexOf('|'));
    expect(new Set(barAt).size).toBe(1);
  });

  it('shows non-printable bytes as dots in the ASCII column', () => {
    const line = hexDumpLines(new Uint8Array([0x00, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff]))[0];
    expect(line).toBe('00000000  00 1f 20 7e 7f 80 ff                              |.. ~...|');
  });

  it('starts at the given byte offset and stops after maxLines', () => {
    const data = new Uint8Array(100);
    const lines = hexDumpLines(data, 32, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.startsWith('00000020  ')).toBe(true);
    expect(lines[1]?.startsWith('00000030  ')).toBe(true);
  });

  it('returns no lines for an empty payload or a start past the end', () => {
    expect(hexDumpLines(new Uint8Array())).toEqual([]);
    expect(hexDumpLines(new Uint8Array(10), 16)).toEqual([]);
    expect(hexDumpLines(new Uint8Array(10), 0, 0)).toEqual([]);
  });
});
