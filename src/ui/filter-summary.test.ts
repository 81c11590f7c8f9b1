import { describe, expect, it } from 'vitest';
import { filterSummary, listPart, periodText } from './filter-summary.ts';

describe('periodText(from, to)', () => {
  it('writes both months in Swedish, or one when they are the same', () => {
    expect(periodText('2023-03', '2023-09')).toBe('mars 2023–september 2023');
    expect(periodText('2024-01', '2024-01')).toBe('januari 2024');
  });
});

describe('listPart(chosen, all)', () => {
  it.each([
    [['Söder'], ['Norr', 'Söder', 'Väster'], 'Söder'],
    [['Norr', 'Väster'], ['Norr', 'Söder', 'Väster'], 'Norr, Väster'],
    [[], ['Norr', 'Söder'], null],
    [undefined, ['Norr', 'Söder'], null],
    // Every value ticked filters nothing away, so it is not worth the room.
    [['Norr', 'Söder'], ['Norr', 'Söder'], null],
  ] as const)('%j of %j → %j', (chosen, all, expected) => {
    expect(listPart(chosen as readonly string[] | undefined, all)).toBe(expected);
  });
});

describe('filterSummary(parts, empty)', () => {
  it('joins the parts that say something with a middle dot', () => {
    expect(filterSummary(['Söder', null, 'mars 2023–september 2023', ''], 'inga')).toBe('Söder · mars 2023–september 2023');
  });
  it('says `empty` when nothing is filtered', () => {
    expect(filterSummary([null, undefined], 'Hela kommunen')).toBe('Hela kommunen');
  });
});
