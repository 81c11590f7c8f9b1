import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from './parse.ts';
import type { InputValue } from './types.ts';
import { filtersToParams } from '../metrics/filter-params.ts';
import { decodeState, encodeState } from './url-state.ts';

const nb = parseNotebook(`${readFileSync(new URL('./examples/exempel.md', import.meta.url), 'utf8')}
\`\`\`input hushallstyp
type: multiselect
column: hushallstyp
\`\`\`

\`\`\`input barn
type: toggle
default: false
\`\`\`
`);

describe('encodeState(inputs) → query string', () => {
  it('writes keys in sorted order with readable values', () => {
    const inputs = { period: { from: '2023-01', to: '2023-06' }, enhet: 'Norr & Söder', hushallstyp: ['A', 'B'], farre: 12.5, barn: true, automatisering: 0.75 };
    expect(encodeState(inputs)).toBe('automatisering=0.75&barn=med&enhet=Norr+%26+S%C3%B6der&farre=12.5&hushallstyp=A&hushallstyp=B&period=2023-01..2023-06');
    expect(encodeState({ enhet: null, hushallstyp: [] })).toBe('enhet=&hushallstyp=');
  });
  it('leaves out values equal to the given defaults', () => {
    expect(encodeState({ farre: 10, barn: true }, { farre: 10, barn: false })).toBe('barn=med');
  });
});

describe('decodeState(search, notebook) → { inputs, problems }', () => {
  it('reads what encodeState wrote and ignores keys that are not inputs', () => {
    expect(decodeState('?nb=manad&period=2023-02..2023-03&enhet=&barn=0', nb)).toEqual({ inputs: { period: { from: '2023-02', to: '2023-03' }, enhet: null, barn: false }, problems: [] });
  });
  it('reads older links: a barn toggle written 1/0/true, a barn select written "med barn"', () => {
    expect(decodeState('barn=1', nb).inputs).toEqual({ barn: true });
    expect(decodeState('barn=true', nb).inputs).toEqual({ barn: true });
    expect(decodeState('barn=0', nb).inputs).toEqual({ barn: false });
    expect(decodeState('barn=med', nb).inputs).toEqual({ barn: true });
    const select = parseNotebook('```input barn\ntype: select\noptions: med barn, utan barn\n```\n');
    expect(decodeState('barn=med+barn', select)).toEqual({ inputs: { barn: 'med barn' }, problems: [] });
    expect(decodeState('barn=utan', select)).toEqual({ inputs: { barn: 'utan barn' }, problems: [] });
    expect(decodeState('barn=', select)).toEqual({ inputs: { barn: null }, problems: [] });
    expect(encodeState({ barn: 'utan barn' })).toBe('barn=utan');
  });

  it('writes the global filters exactly as Nyckeltal does (filtersToParams), so a link can be carried between the pages', () => {
    const notebook = encodeState({ period: { from: '2024-01', to: '2024-06' }, enhet: ['Norr', 'Söder'], barn: 'med barn' });
    const metrics = filtersToParams({ from: '2024-01', to: '2024-06', enhet: ['Norr', 'Söder'], barn: 'med' });
    expect(new URLSearchParams(notebook).getAll('period')).toEqual(['2024-01..2024-06']);
    expect([...new URLSearchParams(notebook)].sort()).toEqual([...metrics].sort());
  });

  it.each([
    ['period=2023-05..2023-01', 'Adressens värde för period används inte: Perioden i inmatningen period börjar (2023-05) efter att den slutar (2023-01).'],
    ['period=maj', 'Adressens värde för period används inte: kan inte läsas: "maj"'],
    ['farre=99', 'Adressens värde för farre används inte: Värdet 99 för inmatningen farre ligger utanför 0–50.'],
    ['farre=tio', 'Adressens värde för farre används inte: kan inte läsas: "tio"'],
    ['barn=ja', 'Adressens värde för barn används inte: kan inte läsas: "ja"'],
  ])('reports %s', (search, problem) => {
    expect(decodeState(search, nb)).toEqual({ inputs: {}, problems: [problem] });
  });

  it('round-trips any valid state', () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== '');
    const month = fc.record({ y: fc.integer({ min: 1990, max: 2040 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
    const state = fc.record({
      period: fc.tuple(month, month).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
      enhet: fc.option(text, { nil: null }),
      hushallstyp: fc.array(text, { maxLength: 4 }),
      farre: fc.integer({ min: 0, max: 200 }).map((n) => n / 4),
      automatisering: fc.integer({ min: 0, max: 20 }).map((n) => n / 20),
      barn: fc.boolean(),
    });
    fc.assert(
      fc.property(state, (inputs: Record<string, InputValue>) => {
        const search = encodeState(inputs);
        expect(decodeState(search, nb)).toEqual({ inputs, problems: [] });
        // Stable: the same state in another key order gives the same string.
        expect(encodeState(Object.fromEntries(Object.entries(inputs).reverse()))).toBe(search);
      }),
      { numRuns: 500 },
    );
  });
});
