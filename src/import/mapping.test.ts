import { describe, expect, it } from 'vitest';
import { ImportError } from './errors.ts';
import { parseMappingFile, suggestMapping } from './mapping.ts';
import { cleanHeader, type RawTable } from './table.ts';

function table(header: string[], rows: string[][]): RawTable {
  return { header: cleanHeader(header), columns: header.map((_, c) => rows.map((r) => r[c] ?? '')), rowCount: rows.length, ragged: new Set(), source: { format: 'csv' } };
}

describe('suggestMapping(table)', () => {
  it('matches Swedish header variants by name, ignoring case, å/ä/ö and punctuation', () => {
    const t = table(['HUSHÅLLS-ID', 'Månad', 'Utbetalt (kr)', 'Försörjningsstöd', 'Antal vuxna', 'Antal barn', 'Försörjningshinder', 'Stadsdel', 'Ansökningskanal', 'Handlingsplan'], []);
    const m = suggestMapping(t);
    expect(Object.fromEntries([...m.columns].map(([k, i]) => [k, t.header[i]]))).toEqual({
      hushall_id: 'HUSHÅLLS-ID', manad: 'Månad', utbetalt_kr: 'Utbetalt (kr)', forsorjningsstod_kr: 'Försörjningsstöd', antal_vuxna: 'Antal vuxna',
      antal_barn: 'Antal barn', forsorjningshinder: 'Försörjningshinder', enhet: 'Stadsdel', kanal: 'Ansökningskanal', handlingsplan: 'Handlingsplan',
    });
    expect(new Set(m.how.values())).toEqual(new Set(['namn']));
  });

  it('finds the month, hushållstyp and kanal columns by their values when the names say nothing', () => {
    const t = table(['id', 'Kol A', 'Kol B', 'Kol C', 'belopp'], [
      ['1', 'maj 2024', 'Sammanboende med barn', 'e-tjänst', '10'],
      ['2', '2024-06', 'övriga hushåll', 'Papper', '20'],
    ]);
    const m = suggestMapping(t);
    expect(Object.fromEntries([...m.columns].map(([k, i]) => [k, `${t.header[i]} (${m.how.get(k)})`]))).toEqual({
      hushall_id: 'id (namn)', utbetalt_kr: 'belopp (namn)', manad: 'Kol A (värden)', hushallstyp: 'Kol B (värden)', kanal: 'Kol C (värden)',
    });
  });

  it('never maps a column that is excluded (dropped or pseudonymised)', () => {
    const t = table(['hushall_id', 'manad', 'utbetalt_kr'], []);
    expect(suggestMapping(t, new Set([0])).columns.has('hushall_id')).toBe(false);
  });
});

describe('parseMappingFile(text)', () => {
  const base = { format: 'bistandslaget-mapping', version: 1, name: 'Export' };

  it('reads columns and value maps, keeping a code called __proto__ as an ordinary code', () => {
    const text = `{"format":"bistandslaget-mapping","version":1,"name":"Export","columns":{"kanal":"Via"},"values":{"kanal":{"__proto__":"papper","E":"e-tjänst"}}}`;
    const file = parseMappingFile(text);
    expect(file.columns).toEqual({ kanal: 'Via' });
    expect(Object.entries(file.values!.kanal!)).toEqual([['__proto__', 'papper'], ['E', 'e-tjänst']]);
  });

  it.each([
    ['not json', 'Mappningsfilen är inte giltig JSON.'],
    [JSON.stringify({ ...base, format: 'x' }), 'Mappningsfilen har fel format (väntade "format": "bistandslaget-mapping", "version": 1).'],
    [JSON.stringify({ ...base, columns: { belopp: 'X' } }), 'Mappningsfilen nämner en okänd kolumn i "columns": belopp.'],
    [`{"format":"bistandslaget-mapping","version":1,"name":"E","columns":{"__proto__":"X"}}`, 'Mappningsfilen nämner en okänd kolumn i "columns": __proto__.'],
    [JSON.stringify({ ...base, columns: { manad: 5 } }), 'Mappningsfilen: "columns"."manad" ska vara ett kolumnnamn.'],
    [JSON.stringify({ ...base, columns: {}, values: { kanal: { E: 1 } } }), 'Mappningsfilen: "values"."kanal" ska bara ha text.'],
    [JSON.stringify({ ...base, name: '' }), 'Mappningsfilen saknar namn ("name").'],
  ])('refuses %s', (text, message) => {
    expect(() => parseMappingFile(text)).toThrow(new ImportError(message, 'mapping'));
  });
});
