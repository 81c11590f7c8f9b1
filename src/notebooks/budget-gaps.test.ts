import { describe, expect, it } from 'vitest';
import { budgetGapNote, type BudgetMonth } from './budget-gaps.ts';

const year = (y: number, enhet: string | null, months = 12): BudgetMonth[] =>
  Array.from({ length: months }, (_, i) => ({ manad: `${y}-${String(i + 1).padStart(2, '0')}`, enhet }));

describe('budgetGapNote(rows, from, to, enhet)', () => {
  const file = [...year(2024, 'Norr'), ...year(2024, 'Söder'), ...year(2025, 'Norr'), ...year(2025, 'Söder')];
  it('says nothing when the year is complete', () => {
    expect(budgetGapNote(file, '2025-01', '2025-08', null)).toBeNull();
    expect(budgetGapNote(file, '2025-01', '2025-08', 'Norr')).toBeNull();
  });
  it('a year without budget (2026) says so and which years there are', () => {
    expect(budgetGapNote(file, '2026-01', '2026-08', null)).toBe(
      'Budgetfilen har ingen budget för 2026 (den har budget för 2024, 2025). Därför står streck (–) för budget och avvikelse mot budget.',
    );
  });
  it('a unit the file does not have', () => {
    expect(budgetGapNote(file, '2025-01', '2025-08', 'Väster')).toMatch(/^Budgetfilen har ingen budget för Väster för 2025 \(den har ingen rad för Väster\)/);
  });
  it('a whole-municipality file with a unit chosen', () => {
    expect(budgetGapNote(year(2025, null), '2025-01', '2025-08', 'Norr')).toMatch(/bara budget för hela kommunen/);
  });
  it('missing months in the period, then an incomplete year', () => {
    const eight = year(2025, null, 8);
    expect(budgetGapNote(eight, '2025-01', '2025-10', null)).toBe(
      'Budgetfilen saknar budget för september 2025, oktober 2025. Budgeten för perioden kräver varje månad och visas därför som streck (–).',
    );
    expect(budgetGapNote(eight, '2025-01', '2025-08', null)).toBe(
      'Budgetfilen har budget för 8 av årets tolv månader 2025. Helårsbudgeten kräver alla tolv och visas därför som streck (–).',
    );
  });
});
