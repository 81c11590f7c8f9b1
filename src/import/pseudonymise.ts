import { canonicalIdentity } from './personnummer.ts';

/**
 * Keyed pseudonyms for hushall_id: HMAC-SHA-256 (WebCrypto, the same in browsers and Node 20) over the
 * canonical personnummer, with a key generated and kept locally. The same person gets the same
 * pseudonym next month as long as the same key is used; without the key a pseudonym cannot be
 * turned back or recomputed from a guessed personnummer.
 */

/** The key file's JSON form (exported from the browser, read by `npm run ingest -- --key-file`). */
export interface KeyFile {
  format: 'bistandslaget-pseudonym-key';
  version: 1;
  algorithm: 'HMAC-SHA-256';
  /** The raw 32-byte key, base64. */
  key: string;
  created: string;
}

const subtle = () => globalThis.crypto.subtle;

/** Generates a new random 256-bit HMAC key and returns it as a key file. */
export function generateKeyFile(now = new Date()): KeyFile {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return { format: 'bistandslaget-pseudonym-key', version: 1, algorithm: 'HMAC-SHA-256', key: toBase64(bytes), created: now.toISOString() };
}

/** Reads a key file's text; throws a Swedish message when it is not one. */
export function parseKeyFile(text: string): KeyFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('Nyckelfilen är inte giltig JSON.');
  }
  const v = value as Partial<KeyFile> | null;
  if (!v || v.format !== 'bistandslaget-pseudonym-key' || v.version !== 1 || v.algorithm !== 'HMAC-SHA-256' || typeof v.key !== 'string') {
    throw new Error('Filen är inte en nyckelfil för pseudonymisering (format bistandslaget-pseudonym-key, version 1).');
  }
  const bytes = fromBase64(v.key);
  if (bytes === null || bytes.length !== 32) throw new Error('Nyckelfilens nyckel är inte 32 byte base64.');
  return v as KeyFile;
}

/** Imports a key file's key for signing; the CryptoKey itself is not extractable. */
export async function importKey(file: KeyFile): Promise<CryptoKey> {
  return subtle().importKey('raw', fromBase64(file.key)! as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * Pseudonymises a column's values, one HMAC per distinct value (a household repeats every month).
 * A valid personnummer is signed in its 12-digit form; any other value as trimmed text.
 * Returns `P` + 20 hex digits (80 bits: no collision in any realistic municipality).
 */
export async function pseudonymiseValues(key: CryptoKey, values: readonly string[], today = new Date()): Promise<string[]> {
  const cache = new Map<string, string>();
  const encoder = new TextEncoder();
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const raw = values[i]!.trim();
    if (raw === '') {
      out[i] = '';
      continue;
    }
    let p = cache.get(raw);
    if (p === undefined) {
      const canonical = canonicalIdentity(raw, today) ?? raw;
      const mac = new Uint8Array(await subtle().sign('HMAC', key, encoder.encode(canonical)));
      p = `P${toHex(mac.subarray(0, 10))}`;
      cache.set(raw, p);
    }
    out[i] = p;
  }
  return out;
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
