import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageTo,
  changeType,
  childIncome,
  drawComposition,
  KVINNA_MED,
  KVINNA_UTAN,
  MAN_UTAN,
  OVRIGA,
  SAMBO_MED,
  SAMBO_UTAN,
  type Composition,
} from './household.ts';
import { DEFAULT_GENERATOR_PARAMS as P, HUSHALLSTYPER } from './params.ts';
import { Random } from './random.ts';

/** The consistency rule between a household type and who lives in it. */
function isConsistent(c: Composition): boolean {
  const label = HUSHALLSTYPER[c.typ]!;
  const kids = c.childAges.length;
  if (c.childAges.some((a) => a < 0 || a > 17)) return false;
  if (label.startsWith('ensamstående') && c.adults !== 1) return false;
  if (label.startsWith('sammanboende') && c.adults !== 2) return false;
  if (label === 'övriga hushåll') return c.adults >= 2;
  return label.endsWith('utan barn') ? kids === 0 : kids >= 1;
}

describe('drawComposition(typ, year, rng)', () => {
  it('always gives adults and children consistent with the type', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (typ, seed) => {
        const c = drawComposition(typ, 2020, new Random(seed));
        return c.typ === typ && isConsistent(c);
      }),
    );
  });
});

describe('changeType(c, rng) and ageTo(c, year)', () => {
  it('keep the composition consistent through any sequence of changes and years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        (typ, seed, steps) => {
          const rng = new Random(seed);
          const c = drawComposition(typ, 2018, rng);
          let year = 2018;
          for (const isChange of steps) {
            if (isChange) changeType(c, rng);
            else ageTo(c, ++year);
            if (!isConsistent(c)) return false;
          }
          return true;
        },
      ),
    );
  });

  it.each([
    [SAMBO_MED, SAMBO_UTAN],
    [KVINNA_MED, KVINNA_UTAN],
    [OVRIGA, OVRIGA],
  ])('a type-%d household whose only child turns 18 becomes type %d', (typ, after) => {
    const c: Composition = { typ, adults: typ === KVINNA_MED ? 1 : 2, childAges: [17], agesYear: 2020 };
    ageTo(c, 2021);
    expect(c.childAges).toEqual([]);
    expect(c.typ).toBe(after);
  });

  it('ages children by whole years and ignores earlier years', () => {
    const c: Composition = { typ: SAMBO_MED, adults: 2, childAges: [3, 10], agesYear: 2020 };
    ageTo(c, 2019);
    expect(c.childAges).toEqual([3, 10]);
    ageTo(c, 2023);
    expect(c.childAges).toEqual([6, 13]);
  });

  it('a single man without children gets a partner', () => {
    const c: Composition = { typ: MAN_UTAN, adults: 1, childAges: [], agesYear: 2020 };
    changeType(c, new Random(1));
    expect(c).toMatchObject({ typ: SAMBO_UTAN, adults: 2 });
  });
});

describe('childIncome(c, params)', () => {
  it.each([
    [{ typ: MAN_UTAN, adults: 1, childAges: [], agesYear: 2020 }, 0],
    [{ typ: SAMBO_MED, adults: 2, childAges: [1, 4], agesYear: 2020 }, 2 * 1250],
    [{ typ: KVINNA_MED, adults: 1, childAges: [1, 4], agesYear: 2020 }, 2 * (1250 + 1600)],
  ])('%j → %d kr', (c, kr) => {
    expect(childIncome(c, P)).toBe(kr);
  });
});
