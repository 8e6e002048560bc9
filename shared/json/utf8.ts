/**
 * Bytes that must be UTF-8 text (rule files, HTTP bodies), decoded strictly: a byte-order mark or NUL bytes
 * of UTF-16/UTF-32, or a byte that is not UTF-8 (a file saved as GBK or Latin-1), is a problem reported with
 * its line and column and what to do, never replaced by U+FFFD and carried on into tag values.
 */
import { lineColumn } from './text-place';

export type Utf8Outcome = { text: string } | { problem: string; line: number; column: number };

const BOMS: { bytes: number[]; name: string }[] = [
  // UTF-32 first: its little-endian mark begins with UTF-16's
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32 (little-endian)' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32 (big-endian)' },
  { bytes: [0xff, 0xfe], name: 'UTF-16 (little-endian)' },
  { bytes: [0xfe, 0xff], name: 'UTF-16 (big-endian)' },
];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SAVE_AS = 'save or send it as UTF-8';

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Line and column (from 1, in characters) of byte `offset`. */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString('utf8');
  return lineColumn(before, before.length);
}

/** The offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
function firstInvalid(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const [length, min] = b < 0x80 ? [1, 0] : b >= 0xc2 && b < 0xe0 ? [2, 0x80] : b >= 0xe0 && b < 0xf0 ? [3, 0x800] : b >= 0xf0 && b < 0xf5 ? [4, 0x10000] : [0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    let cp = length === 1 ? b : b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (bytes[i + k] & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += length;
  }
  return -1;
}

/** `bytes` as text, or the first reason they are not UTF-8 text. A UTF-8 byte-order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): Utf8Outcome {
  const bom = BOMS.find((m) => startsWith(bytes, m.bytes));
  if (bom) return { problem: `the text is ${bom.name} (it starts with that byte-order mark): ${SAVE_AS}`, line: 1, column: 1 };
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    return { problem: `a NUL byte: the text looks like UTF-16 or UTF-32 without a byte-order mark, or is not text at all: ${SAVE_AS}`, ...position(body, nul) };
  }
  const bad = firstInvalid(body);
  if (bad >= 0) {
    const byte = body[bad].toString(16).toUpperCase().padStart(2, '0');
    return { problem: `byte 0x${byte} is not UTF-8 (is the text GBK or Latin-1?): ${SAVE_AS}`, ...position(body, bad) };
  }
  return { text: Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8') };
}
