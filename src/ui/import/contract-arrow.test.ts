import { describe, expect, it } from 'vitest';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { toArrowTableCsp } from './contract-arrow.ts';
import type { ContractColumns } from '../../import/validate.ts';

describe('toArrowTableCsp(columns) → Arrow table', () => {
  it('round-trips text (å/ä/ö), amounts, counts, booleans and nulls through an IPC stream', () => {
    const columns: ContractColumns = {
      hushall_id: ['H1', 'Hö2', 'P0a1b'],
      manad: ['2024-05', '2024-06', '2024-07'],
      utbetalt_kr: [8350.5, 0, 1261000.5],
      antal_barn: [2, null, 0],
      enhet: ['Söder', null, ''],
      handlingsplan: [true, false, null],
    };
    const t = tableFromIPC(tableToIPC(toArrowTableCsp(columns), 'stream'));
    expect(t.schema.fields.map((f) => f.name)).toEqual(['hushall_id', 'manad', 'utbetalt_kr', 'antal_barn', 'enhet', 'handlingsplan']);
    expect(t.toArray().map((r) => r.toJSON())).toEqual([
      { hushall_id: 'H1', manad: '2024-05', utbetalt_kr: 8350.5, antal_barn: 2, enhet: 'Söder', handlingsplan: true },
      { hushall_id: 'Hö2', manad: '2024-06', utbetalt_kr: 0, antal_barn: null, enhet: null, handlingsplan: false },
      { hushall_id: 'P0a1b', manad: '2024-07', utbetalt_kr: 1261000.5, antal_barn: 0, enhet: '', handlingsplan: null },
    ]);
  });
});

describe('toArrowTableCsp with many distinct ids', () => {
  it('keeps ids plain past the dictionary limit and months as a dictionary, values unchanged', () => {
    const n = 5000;
    const ids = Array.from({ length: n }, (_, i) => `H${i}ö`);
    const months = Array.from({ length: n }, (_, i) => `2024-0${(i % 9) + 1}`);
    const t = tableFromIPC(tableToIPC(toArrowTableCsp({ hushall_id: ids, manad: months, utbetalt_kr: ids.map(() => 1) }), 'stream'));
    expect(t.getChild('hushall_id')!.toArray()).toEqual(ids);
    expect(Array.from(t.getChild('manad')!, (v) => v as string)).toEqual(months);
    expect(String(t.schema.fields[1]!.type)).toMatch(/Dictionary/);
    expect(String(t.schema.fields[0]!.type)).toBe('Utf8');
  });
});
