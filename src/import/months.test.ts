import { describe, expect, it } from 'vitest';
import { defaultMonthRange, parseMonth } from './months.ts';

const range = { firstYear: 1990, lastYear: 2026 };

describe('parseMonth(text, range)', () => {
  it.each([
    ['2024-05', '2024-05'], ['2024-5', '2024-05'], ['202405', '2024-05'], ['2024-05-31', '2024-05'], ['20240531', '2024-05'],
    ['maj 2024', '2024-05'], ['Maj 2024', '2024-05'], ['okt. 2023', '2023-10'], ['september 2023', '2023-09'],
    ['2024M05', '2024-05'], ['2024m5', '2024-05'], ['2024-05-31T00:00:00', '2024-05'], ['2024-05-31 00:00:00', '2024-05'],
    // Excel serials: 45292 = 2024-01-01, 32874 = 1990-01-01 (Excel's epoch 1899-12-30).
    ['45292', '2024-01'], ['45443', '2024-05'], ['32874', '1990-01'], ['45443,5', '2024-05'],
  ])('%j → %s', (text, month) => {
    expect(parseMonth(text, range)).toEqual({ ok: true, month });
  });

  it.each([
    ['10000-01-01', 'inte en månad (t.ex. 2024-05, 202405, maj 2024)'],
    ['0000-01', 'månaden ligger utanför 1990–2026'],
    ['1900-01', 'månaden ligger utanför 1990–2026'],
    ['9999-12', 'månaden ligger utanför 1990–2026'],
    ['2027-01', 'månaden ligger utanför 1990–2026'],
    ['2024-13', 'månadsnumret är inte 1–12'],
    ['2024-02-30', 'inte en månad (t.ex. 2024-05, 202405, maj 2024)'],
    ['05/31/2024', 'inte en månad (t.ex. 2024-05, 202405, maj 2024)'],
    ['mej 2024', 'inte en månad (t.ex. 2024-05, 202405, maj 2024)'],
    ['', 'värde saknas'],
  ])('%j is refused: %s', (text, reason) => {
    expect(parseMonth(text, range)).toEqual({ ok: false, reason });
  });

  it('defaults to 1990 – next year', () => {
    expect(defaultMonthRange(new Date(2025, 5, 1))).toEqual({ firstYear: 1990, lastYear: 2026 });
  });
});
