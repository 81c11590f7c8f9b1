import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from './errors.ts';
import { importTable, readCsvBytes } from './import.ts';

/** Runs the one import path; an `ImportError` is a clear refusal, anything else thrown is a bug. */
async function attempt(bytes: Uint8Array) {
  try {
    return await importTable(readCsvBytes(bytes));
  } catch (error) {
    if (error instanceof ImportError) {
      expect(error.message).toMatch(/^[A-ZÅÄÖ]/);
      expect(error.message).not.toMatch(/\n|undefined|NaN|\[object/);
      return error;
    }
    throw error;
  }
}

// Cells tagged with what the import must make of them (months all in 2024, amounts with known values).
const goodMonth = fc.constantFrom('2024-01', '202402', 'maj 2024', '2024M03', '2024-04-30', '45292');
const badMonth = fc.constantFrom('2024-13', 'abc', '1900-01', '', '10000-01-01', '0000-01', '9999-12');
const goodAmount = fc.constantFrom<[string, number]>(['100', 100], ['1 234,50', 1234.5], ['0', 0], ['7\u00a0150', 7150], ['99,99', 99.99]);
const badAmount = fc.constantFrom('NaN', '-1', '1e5', 'Infinity', 'x', '', '10000000', '1e400');

const row = fc.record({
  id: fc.constantFrom('H1', 'H2', 'Hå3', 'H4'),
  month: fc.oneof(goodMonth.map((m) => ({ text: m, ok: true })), badMonth.map((m) => ({ text: m, ok: false }))),
  amount: fc.oneof(goodAmount.map(([text, value]) => ({ text, value, ok: true })), badAmount.map((text) => ({ text, value: 0, ok: false }))),
  ragged: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});

type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'windows-1252') return Uint8Array.from(text, (c) => c.charCodeAt(0)); // Latin-1 letters only here
  const bytes = new TextEncoder().encode(text);
  return encoding === 'utf-8' ? bytes : new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
}

describe('importTable(readCsvBytes(bytes)) on generated files', () => {
  it('imports exactly the good rows of ragged, multi-encoding files with mixed good and bad cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom(';', ','), fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'windows-1252'),
        fc.constantFrom('\n', '\r\n'), fc.nat(3),
        async (rows, sep, encoding, eol, trailing) => {
          const quote = (s: string) => (s.includes(sep) ? `"${s}"` : s);
          const lines = [`Hushåll${sep}Månad${sep}Utbetalt`, ...rows.map((r) => [r.id, r.month.text, r.amount.text, ...(r.ragged ? ['extra'] : [])].map(quote).join(sep))];
          const result = await attempt(encode(lines.join(eol) + eol.repeat(trailing), encoding));
          const good = rows.filter((r) => r.month.ok && r.amount.ok && !r.ragged);
          if (good.length === 0) {
            expect(result).toBeInstanceOf(ImportError);
            return;
          }
          if (result instanceof ImportError) throw result;
          expect(result.importedTotals.rows).toBe(good.length);
          expect(result.rejected.length).toBe(rows.length - good.length);
          expect(result.importedTotals.utbetaltKr).toBeCloseTo(good.reduce((s, r) => s + r.amount.value, 0), 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a clear ImportError on binary garbage, wrong encodings, huge fields or empty files', async () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc.string({ maxLength: 500 }).map((s) => new TextEncoder().encode(s)),
      fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`hushall_id;manad;utbetalt_kr\n${s}`)),
      fc.string({ maxLength: 200 }).map((s) => {
        const utf16 = new Uint8Array(2 + s.length * 2);
        utf16.set([0xff, 0xfe]);
        for (let i = 0; i < s.length; i++) utf16.set([s.charCodeAt(i) & 255, s.charCodeAt(i) >> 8], 2 + 2 * i);
        return utf16;
      }),
      fc.nat(200_000).map((n) => new TextEncoder().encode(`hushall_id;manad;utbetalt_kr\nH1;2024-01;${'9'.repeat(n)}\n"${'x'.repeat(n)}`)),
      fc.constant(new Uint8Array(0)),
      fc.constant(new TextEncoder().encode('\n\n\r\n')),
    );
    await fc.assert(fc.asyncProperty(garbage, async (bytes) => {
      const result = await attempt(bytes);
      if (!(result instanceof ImportError)) expect(result.importedTotals.rows + result.rejected.length).toBe(result.fileTotals.rows);
    }), { numRuns: 400 });
  });
});
