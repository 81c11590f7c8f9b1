import { describe, expect, it } from 'vitest';
import { generateKeyFile, importKey, parseKeyFile, pseudonymiseValues } from './pseudonymise.ts';
import { importTable, readCsvBytes } from './import.ts';
import { importFixtureFile } from './test-helpers.ts';

describe('pseudonymiseValues(key, values)', () => {
  it('gives one person one pseudonym in every spelling of the number, another key another pseudonym', async () => {
    const key = await importKey(generateKeyFile());
    const [a, b, c, d] = await pseudonymiseValues(key, ['811218-9876', '19811218-9876', '8112189876', '701063-2391'], new Date(2025, 0, 1));
    expect(a).toMatch(/^P[0-9a-f]{20}$/);
    expect([b, c]).toEqual([a, a]);
    expect(d).not.toBe(a);
    const [other] = await pseudonymiseValues(await importKey(generateKeyFile()), ['811218-9876']);
    expect(other).not.toBe(a);
  });

  it('matches HMAC-SHA-256 computed by node:crypto over the 12-digit form', async () => {
    const { createHmac } = await import('node:crypto');
    const file = generateKeyFile();
    const [p] = await pseudonymiseValues(await importKey(file), ['811218-9876'], new Date(2025, 0, 1));
    const expected = createHmac('sha256', Buffer.from(file.key, 'base64')).update('198112189876').digest('hex').slice(0, 20);
    expect(p).toBe(`P${expected}`);
  });

  it('round-trips a key file and refuses a broken one', () => {
    const file = generateKeyFile(new Date('2025-01-01T00:00:00Z'));
    expect(parseKeyFile(JSON.stringify(file))).toEqual(file);
    expect(() => parseKeyFile('{"format":"x"}')).toThrow('Filen är inte en nyckelfil');
    expect(() => parseKeyFile(JSON.stringify({ ...file, key: 'AAAA' }))).toThrow('Nyckelfilens nyckel är inte 32 byte base64.');
  });
});

describe('importTable with pseudonymise', () => {
  it('replaces the personnummer column by pseudonyms as hushall_id; no original digits remain', async () => {
    const key = await importKey(generateKeyFile());
    const r = await importFixtureFile('personnummer.csv', { pseudonymise: { column: 'personnummer', key } });
    expect(r.rejected).toEqual([]);
    // 811218-9876 and 19811218-9876 are one person: 3 households over 4 rows.
    expect(r.importedTotals).toEqual({ rows: 4, households: 3, utbetaltKr: 17_000 });
    const text = JSON.stringify(r);
    for (const digits of ['8112189876', '811218', '1212121212', '121212', '7010632391', '701063']) expect(text).not.toContain(digits);
  });

  it('drops a flagged column on request; without another id column that leaves no hushall_id', async () => {
    const r = await importFixtureFile('personnummer.csv', { drop: ['personnummer'] }).catch((e: Error) => e.message);
    expect(r).toMatch(/^Obligatorisk kolumn saknas: hushall_id/);
    const bytes = new TextEncoder().encode('hushall_id;pnr;manad;utbetalt_kr\nH1;811218-9876;2024-01;10\n');
    await expect(importTable(readCsvBytes(bytes))).rejects.toThrow('kolumnen "pnr" ser ut att innehålla personnummer');
    const kept = await importTable(readCsvBytes(bytes), { drop: ['pnr'] });
    expect(kept.columns).toEqual({ hushall_id: ['H1'], manad: ['2024-01'], utbetalt_kr: [10] });
    expect(kept.resolvedFindings).toEqual([{ column: 'pnr', kind: 'personnummer', count: 1, byName: false }]);
  });
});
