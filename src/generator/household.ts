import type { GeneratorParams } from './params.ts';
import type { Random } from './random.ts';

/** Index into HUSHALLSTYPER; the order there is the order of these constants. */
export const MAN_UTAN = 0;
export const KVINNA_UTAN = 1;
export const KVINNA_MED = 2;
export const MAN_MED = 3;
export const SAMBO_UTAN = 4;
export const SAMBO_MED = 5;
export const OVRIGA = 6;

/** Composition of a household: its type and who lives in it. Kept consistent by the functions below. */
export interface Composition {
  typ: number;
  adults: number;
  /** Ages in whole years of the children under 18. */
  childAges: number[];
  /** Calendar year the ages refer to; `ageTo` brings them forward. */
  agesYear: number;
}

// Number of children (1, 2, 3 …) by household type, as weights.
const CHILDREN_SINGLE_MOTHER = [0.45, 0.33, 0.15, 0.07];
const CHILDREN_SINGLE_FATHER = [0.55, 0.3, 0.1, 0.05];
const CHILDREN_COUPLE = [0.3, 0.35, 0.2, 0.1, 0.05];

function children(rng: Random, weights: readonly number[]): number[] {
  const n = 1 + rng.categorical(weights);
  return Array.from({ length: n }, () => rng.int(0, 17));
}

/** Draws a household of type `typ` (an index into HUSHALLSTYPER) with a consistent number of adults and children. */
export function drawComposition(typ: number, year: number, rng: Random): Composition {
  switch (typ) {
    case KVINNA_MED:
      return { typ, adults: 1, childAges: children(rng, CHILDREN_SINGLE_MOTHER), agesYear: year };
    case MAN_MED:
      return { typ, adults: 1, childAges: children(rng, CHILDREN_SINGLE_FATHER), agesYear: year };
    case SAMBO_UTAN:
      return { typ, adults: 2, childAges: [], agesYear: year };
    case SAMBO_MED:
      return { typ, adults: 2, childAges: children(rng, CHILDREN_COUPLE), agesYear: year };
    case OVRIGA: {
      // Other households: adults who are not a couple (a parent with a grown child, siblings), sometimes with children.
      const adults = rng.chance(0.7) ? 2 : 3;
      const kids = rng.categorical([0.6, 0.25, 0.15]);
      return { typ, adults, childAges: Array.from({ length: kids }, () => rng.int(0, 17)), agesYear: year };
    }
    default:
      return { typ, adults: 1, childAges: [], agesYear: year };
  }
}

/** Without children any more: the type a household with children becomes (övriga hushåll stays). */
function withoutChildren(typ: number): number {
  if (typ === KVINNA_MED) return KVINNA_UTAN;
  if (typ === MAN_MED) return MAN_UTAN;
  if (typ === SAMBO_MED) return SAMBO_UTAN;
  return typ;
}

/**
 * Ages the children to `year` (everyone one year older each January). A child who turns 18 no longer
 * counts as a child of the household; when none are left the household type changes accordingly.
 */
export function ageTo(c: Composition, year: number): void {
  if (year <= c.agesYear) return;
  const step = year - c.agesYear;
  c.agesYear = year;
  if (c.childAges.length === 0) return;
  c.childAges = c.childAges.map((a) => a + step).filter((a) => a < 18);
  if (c.childAges.length === 0) c.typ = withoutChildren(c.typ);
}

/**
 * A change of household during a period: a partner moves in or out, or a first child is born.
 * Each type has one or two plausible successors; the composition stays consistent with the new type.
 */
export function changeType(c: Composition, rng: Random): void {
  switch (c.typ) {
    case MAN_UTAN:
      c.typ = SAMBO_UTAN;
      c.adults = 2;
      break;
    case KVINNA_UTAN:
      if (rng.chance(0.5)) {
        c.typ = KVINNA_MED;
        c.childAges = [0];
      } else {
        c.typ = SAMBO_UTAN;
        c.adults = 2;
      }
      break;
    case KVINNA_MED:
    case MAN_MED:
      c.typ = SAMBO_MED;
      c.adults = 2;
      break;
    case SAMBO_UTAN:
      c.typ = rng.chance(0.5) ? MAN_UTAN : KVINNA_UTAN;
      c.adults = 1;
      break;
    case SAMBO_MED:
      c.typ = rng.chance(0.8) ? KVINNA_MED : MAN_MED;
      c.adults = 1;
      break;
    default:
      // Övriga hushåll split up: the person applying continues alone, with any children.
      c.typ = c.childAges.length > 0 ? KVINNA_MED : MAN_UTAN;
      c.adults = 1;
  }
}

/** Income from child benefits that the household has besides its own income, kr/month (counted against the need). */
export function childIncome(c: Composition, params: GeneratorParams): number {
  const n = c.childAges.length;
  const singleParent = c.adults === 1 && n > 0;
  return n * params.childBenefit + (singleParent ? n * params.maintenanceSupport : 0);
}
