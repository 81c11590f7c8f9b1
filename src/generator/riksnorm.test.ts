import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATOR_PARAMS as P } from './params.ts';
import { childBracket, costIndex, monthlyNeed, normAmount, riksnormen } from './riksnorm.ts';

describe('riksnormen(year)', () => {
  it('returns the published figures for 2023–2025', () => {
    expect(riksnormen(2023).single).toBe(3490);
    expect(riksnormen(2024).couple).toBe(6850);
    expect(riksnormen(2025).child).toEqual([2720, 3030, 2700, 3030, 3790, 4350, 4920, 4960]);
    expect(riksnormen(2025).common[6]).toBe(2810);
  });

  it('2026 is 2025 + 0.7 %: totals 5 220 kr (ensamstående) and 8 510 kr (sammanboende) as Socialstyrelsen publishes them', () => {
    expect(riksnormen(2026).single + riksnormen(2026).common[0]!).toBe(5220);
    expect(riksnormen(2026).couple + riksnormen(2026).common[1]!).toBe(8510);
  });

  it('earlier years are lower and rise every year, rounded to 10 kr', () => {
    const singles = [2015, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2030].map((y) => riksnormen(y).single);
    expect(singles.every((v, i) => i === 0 || v > singles[i - 1]!)).toBe(true);
    expect(riksnormen(2018).single).toBe(2970);
    expect(singles.every((v) => v % 10 === 0)).toBe(true);
  });
});

describe('childBracket(age)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 3],
    [6, 3],
    [7, 4],
    [10, 4],
    [11, 5],
    [14, 5],
    [15, 6],
    [17, 6],
    [19, 7],
  ])('age %d → bracket %d', (age, bracket) => {
    expect(childBracket(age)).toBe(bracket);
  });
});

describe('normAmount(year, adults, childAges)', () => {
  it.each([
    // 2023: single 3 490 + common(1) 1 130
    [2023, 1, [], 4620],
    // 2023: single 3 490 + child age 5 (2 700) + common(2) 1 250
    [2023, 1, [5], 7440],
    // 2025: couple 7 050 + children 0 (2 720) and 12 (4 350) + common(4) 2 010
    [2025, 2, [0, 12], 16130],
    // 2024: three adults = couple 6 850 + single 3 800, common(3) 1 720
    [2024, 3, [], 12370],
  ])('%d, %d adults, children %j → %d kr', (year, adults, ages, amount) => {
    expect(normAmount(year, adults, ages)).toBe(amount);
  });
});

describe('monthlyNeed(year, adults, childAges, rentFactor, params)', () => {
  it('adds rent, electricity and insurance (at the year\'s cost level) to the norm', () => {
    const housing = P.rent2023[0]! + P.electricityBase + P.electricityPerPerson + P.insurance;
    expect(monthlyNeed(2023, 1, [], 1, P)).toBeCloseTo(4620 + housing, 6);
    expect(monthlyNeed(2025, 1, [], 1, P)).toBeCloseTo(3910 + 1270 + housing * costIndex(2025), 6);
  });
});
