import { describe, expect, it } from 'vitest';
import { canonicalIdentity, identityKind } from './personnummer.ts';
import { scanSensitive } from './guard.ts';
import { cleanHeader, type RawTable } from './table.ts';

// Skatteverket's published examples: 811218-9876 (personnummer), 701063-2391 (samordningsnummer, day 3 + 60),
// 121212-1212 (a common test number). Their Luhn sums are 50, 30 and 20, worked by hand.
describe('identityKind(text)', () => {
  it.each([
    ['811218-9876', 'personnummer'], ['8112189876', 'personnummer'], ['811218+9876', 'personnummer'],
    ['19811218-9876', 'personnummer'], ['198112189876', 'personnummer'], [' 121212-1212 ', 'personnummer'],
    ['701063-2391', 'samordningsnummer'], ['7010632391', 'samordningsnummer'], ['19701063-2391', 'samordningsnummer'],
  ])('%j is a %s', (text, kind) => {
    expect(identityKind(text)).toBe(kind);
  });

  it.each([
    '811218-9875', '8112189877', '19811218-9870', '701063-2392', // wrong check digit
    '811318-9876', '811200-9876', '811232-1234', // no month 13, no day 0, day 32 is neither person nor coordination
    '81121-89876', '811218--9876', '811218-98766', 'abcdefghij', '', '12345',
  ])('%j is not one', (text) => {
    expect(identityKind(text)).toBeNull();
  });

  it('puts 10-digit numbers in the century that makes the person under 100, or over with +', () => {
    const today = new Date(2025, 0, 1);
    expect(canonicalIdentity('811218-9876', today)).toBe('198112189876');
    expect(canonicalIdentity('811218+9876', today)).toBe('188112189876');
    expect(canonicalIdentity('121212-1212', today)).toBe('201212121212');
    expect(canonicalIdentity('19811218-9876', today)).toBe('198112189876');
  });
});

/** A one-column table. */
function column(name: string, values: string[]): RawTable {
  return { header: cleanHeader([name]), columns: [values], rowCount: values.length, ragged: new Set(), source: { format: 'csv' } };
}

/** The Luhn check digit of nine digits, computed here independently of the code under test. */
function checkDigit(nine: string): number {
  const sum = [...nine].reduce((s, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return s + (d > 9 ? d - 9 : d);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

describe('scanSensitive(table)', () => {
  it('flags a column of personnummer in every form, with the count', () => {
    const findings = scanSensitive(column('Klient', ['811218-9876', '198112189876', '701063-2391', '121212+1212']));
    expect(findings).toEqual([{ column: 'Klient', kind: 'personnummer', count: 4, byName: false }]);
  });

  it('does not flag 1 000 random 10-digit numbers whose check digit is wrong', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 1000 }, () => {
      // Valid-looking dates, so that only the check digit tells them apart.
      const nine = `${String(Math.floor(random() * 100)).padStart(2, '0')}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`
        + `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
      return `${nine}${(checkDigit(nine) + 1 + Math.floor(random() * 9)) % 10}`;
    });
    expect(values.every((v) => identityKind(v) === null)).toBe(true);
    expect(scanSensitive(column('id', values))).toEqual([]);
  });

  it('flags one personnummer with a separator inside free text, and names, addresses, e-mail by value', () => {
    expect(scanSensitive(column('info', ['ok', 'ring 811218-9876 imorgon om beslutet', 'ok']))).toEqual([{ column: 'info', kind: 'personnummer', count: 1, byName: false }]);
    const names = Array.from({ length: 30 }, (_, i) => `Anna${'bcdefghijklmnopqrstuvwxyzå'[i % 26]} Svensson${i < 26 ? '' : 'a'}`.replace(/\d/g, ''));
    expect(scanSensitive(column('x', names))[0]).toMatchObject({ kind: 'namn', count: 30 });
    expect(scanSensitive(column('x', ['Storgatan 12', 'Kyrkvägen 3B', 'Norr']))[0]).toMatchObject({ kind: 'adress', count: 2 });
    expect(scanSensitive(column('x', ['a.b@kommun.se', 'c@d.se']))[0]).toMatchObject({ kind: 'e-post', count: 2 });
  });

  it('flags columns by name, and leaves the contract\'s categories alone', () => {
    expect(scanSensitive(column('Förnamn', ['A', 'B']))).toEqual([{ column: 'Förnamn', kind: 'namn', count: 2, byName: true }]);
    const types = Array.from({ length: 200 }, (_, i) => ['Ensamstående Man Utan Barn', 'Sammanboende Med Barn'][i % 2]!);
    expect(scanSensitive(column('hushallstyp', types))).toEqual([]);
    expect(scanSensitive(column('enhet', ['Centrum', 'Norr', 'Söder']))).toEqual([]);
  });
});
