import { describe, expect, it } from 'vitest';
import { choicesNotInData } from './input-values.ts';
import type { InputCell } from './types.ts';

const typ: InputCell = { kind: 'input', name: 'hushallstyp', spec: { type: 'multiselect', label: 'Hushållstyp', column: 'hushallstyp' } } as InputCell;
const enhet: InputCell = { kind: 'input', name: 'enhet', spec: { type: 'select', column: 'enhet' } } as InputCell;
const barn: InputCell = { kind: 'input', name: 'barn', spec: { type: 'select', options: ['med barn', 'utan barn'] } } as InputCell;
const data = ['ensamstående man utan barn', 'sammanboende med barn'];

describe('choicesNotInData', () => {
  it('names every chosen value the data lacks, under the input\'s label, and keeps quiet when all are there', () => {
    expect(choicesNotInData(typ, ['sammanboende med barn', 'finns-inte', 'x'], data)).toBe(
      'Hushållstyp: "finns-inte", "x" finns inte i datan och ger därför inga hushåll. Välj bland filtrets alternativ eller rensa det.',
    );
    expect(choicesNotInData(typ, ['sammanboende med barn'], data)).toBeUndefined();
    expect(choicesNotInData(typ, [], data)).toBeUndefined();
  });

  it('a single choice (select) without a label uses the input\'s name; no choice is no problem', () => {
    expect(choicesNotInData(enhet, 'Öster', ['Norr', 'Söder'])).toMatch(/^enhet: "Öster" finns inte i datan/);
    expect(choicesNotInData(enhet, null, ['Norr'])).toBeUndefined();
  });

  it('inputs with fixed options are checked when the link is read, not here', () => {
    expect(choicesNotInData(barn, 'kanske', [])).toBeUndefined();
  });
});
