import { ImportError } from './errors.ts';

/** The text encodings the import reads. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decoded file text and how it was decoded. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** The file started with a byte order mark (removed from `text`). */
  bom: boolean;
}

/** What kind of file the first bytes say it is, whatever its name. */
export type FileKind = 'text' | 'xlsx' | 'parquet' | 'binary';

/** Sniffs the file kind from its magic bytes (names lie: an .csv may be a renamed workbook). */
export function detectFileKind(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx'; // a zip container: .xlsx
  if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) return 'parquet'; // "PAR1"
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'text'; // UTF-16 (Excel "Unicode text")
  // NUL never occurs in UTF-8 or Windows-1252 text; a few in the first 64 kB mean a binary file.
  const head = bytes.subarray(0, 65536);
  return head.includes(0) ? 'binary' : 'text';
}

/**
 * Decodes a text file: UTF-8 with or without BOM, UTF-16 with BOM, and otherwise Windows-1252.
 * Invalid UTF-8 anywhere means the file is not UTF-8: Swedish exports from older systems and Excel
 * ("CSV (semikolonavgränsad)") are Windows-1252, where å/ä/ö are single bytes that UTF-8 rejects.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportError('Filen är tom.', 'empty');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const rest = bytes.subarray(3);
    const text = tryUtf8(rest);
    return text === null ? { text: decode('windows-1252', rest), encoding: 'windows-1252', bom: true } : { text, encoding: 'utf-8', bom: true };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  if (detectFileKind(bytes) !== 'text') throw new ImportError('Filen är inte en textfil (CSV) utan binär data.', 'binary');
  const text = tryUtf8(bytes);
  if (text !== null) return { text, encoding: 'utf-8', bom: false };
  return { text: decode('windows-1252', bytes), encoding: 'windows-1252', bom: false };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
