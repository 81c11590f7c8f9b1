import type { GeneratorParams } from './params.ts';

/** Riksnormen for one year, kr/month: personal costs and gemensamma hushållskostnader. */
export interface Riksnorm {
  readonly single: number;
  readonly couple: number;
  /** Children by age bracket: 0, 1–2, 3, 4–6, 7–10, 11–14, 15–18, 19–20. */
  readonly child: readonly number[];
  /** Gemensamma hushållskostnader for 1 … 7 persons. */
  readonly common: readonly number[];
}

// Socialstyrelsen's published figures; other years are derived from them below.
const PUBLISHED: Readonly<Record<number, Riksnorm>> = {
  2023: {
    single: 3490,
    couple: 6300,
    child: [2420, 2700, 2410, 2700, 3380, 3890, 4390, 4430],
    common: [1130, 1250, 1580, 1790, 2060, 2330, 2510],
  },
  2024: {
    single: 3800,
    couple: 6850,
    child: [2640, 2940, 2620, 2940, 3680, 4230, 4780, 4820],
    common: [1230, 1360, 1720, 1950, 2240, 2540, 2730],
  },
  2025: {
    single: 3910,
    couple: 7050,
    child: [2720, 3030, 2700, 3030, 3790, 4350, 4920, 4960],
    common: [1270, 1400, 1770, 2010, 2310, 2620, 2810],
  },
};

// Level relative to 2023 for earlier years: roughly the consumer-price path (slow growth to 2022,
// then the large 2023 step); 1.5 % a year further back. Rounded to 10 kr like the published norm.
const BEFORE_2023: Readonly<Record<number, number>> = { 2018: 0.85, 2019: 0.87, 2020: 0.885, 2021: 0.895, 2022: 0.915 };

function scaled(base: Riksnorm, factor: number): Riksnorm {
  const r = (v: number): number => Math.round((v * factor) / 10) * 10;
  return { single: r(base.single), couple: r(base.couple), child: base.child.map(r), common: base.common.map(r) };
}

/**
 * Riksnormen for `year`: published 2023–2025; 2026 is 2025 + 0.7 % (every part); later years +2 % a year;
 * 2018–2022 scaled down from 2023 by a price index, earlier years 1.5 % less per year.
 */
export function riksnormen(year: number): Riksnorm {
  const published = PUBLISHED[year];
  if (published) return published;
  let derived = DERIVED.get(year);
  if (!derived) {
    const factor =
      year >= 2026 ? 1.007 * 1.02 ** (year - 2026) : (BEFORE_2023[year] ?? BEFORE_2023[2018]! * 0.985 ** (2018 - year));
    derived = scaled(PUBLISHED[year >= 2026 ? 2025 : 2023]!, factor);
    DERIVED.set(year, derived);
  }
  return derived;
}

// Derived years are computed once: the generator asks for them for every household-month.
const DERIVED = new Map<number, Riksnorm>();

/** Index of the riksnorm child bracket for an age in whole years (0 … 20). */
export function childBracket(age: number): number {
  if (age <= 0) return 0;
  if (age <= 2) return 1;
  if (age === 3) return 2;
  if (age <= 6) return 3;
  if (age <= 10) return 4;
  if (age <= 14) return 5;
  if (age <= 18) return 6;
  return 7;
}

/**
 * Riksnormen amount for a household: adults (one: ensamstående; two or more: sambor, and each further
 * adult at the single rate, an approximation for shared housing), children by age, plus gemensamma
 * hushållskostnader for the household size (7+ persons use the 7-person figure).
 */
export function normAmount(year: number, adults: number, childAges: readonly number[]): number {
  const norm = riksnormen(year);
  let total = adults <= 1 ? norm.single : norm.couple + (adults - 2) * norm.single;
  for (const age of childAges) total += norm.child[childBracket(age)]!;
  const persons = Math.min(adults + childAges.length, 7);
  return total + norm.common[persons - 1]!;
}

// Rent and other housing costs relative to 2023 (Swedish rent negotiations: ~2 % a year, then 4–5 %).
const COST_INDEX: Readonly<Record<number, number>> = {
  2018: 0.88,
  2019: 0.9,
  2020: 0.92,
  2021: 0.935,
  2022: 0.95,
  2023: 1,
  2024: 1.05,
  2025: 1.08,
  2026: 1.11,
};

/** Housing cost level of `year` relative to 2023 (tabled 2018–2026, ±2–2.5 % a year outside). */
export function costIndex(year: number): number {
  const tabled = COST_INDEX[year];
  if (tabled !== undefined) return tabled;
  return year > 2026 ? COST_INDEX[2026]! * 1.025 ** (year - 2026) : COST_INDEX[2018]! * 0.98 ** (2018 - year);
}

/**
 * A household's monthly need (kr) for försörjningsstöd before its own income: riksnormen plus rent
 * (typical level for its size times the household's own `rentFactor`), hushållsel and hemförsäkring.
 */
export function monthlyNeed(
  year: number,
  adults: number,
  childAges: readonly number[],
  rentFactor: number,
  params: GeneratorParams,
): number {
  const persons = adults + childAges.length;
  const rent = params.rent2023[Math.min(persons, params.rent2023.length) - 1]! * rentFactor;
  const other = params.electricityBase + params.electricityPerPerson * persons + params.insurance;
  return normAmount(year, adults, childAges) + (rent + other) * costIndex(year);
}
