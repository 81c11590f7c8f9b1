import { exitHazard, reentryDelayCdf } from './hazard.ts';
import { newHouseholdPath, stockLevel } from './inflow.ts';
import { ageTo, changeType, childIncome, drawComposition, type Composition } from './household.ts';
import { FORSORJNINGSHINDER, HUSHALLSTYPER, KANALER, type GeneratorParams } from './params.ts';
import { inverseCdf, Random } from './random.ts';
import { monthlyNeed } from './riksnorm.ts';

/** One output row in the data contract (docs/data.md). */
export interface UtbetalningRow {
  hushall_id: string;
  manad: string;
  utbetalt_kr: number;
  forsorjningsstod_kr: number;
  hushallstyp: string;
  antal_vuxna: number;
  antal_barn: number;
  forsorjningshinder: string;
  enhet: string;
  kanal: string;
  handlingsplan: boolean;
}

/** The rows of one calendar month, sorted by hushall_id. */
export interface MonthRows {
  manad: string;
  rows: UtbetalningRow[];
}

interface Household {
  comp: Composition;
  /** Sequence number, given at the household's first output row (0 = none yet). */
  serial: number;
  reason: number;
  enhet: number;
  rentFactor: number;
  /** Fixed propensities: the household applies by e-tjänst once the e-share passes `channelU`. */
  channelU: number;
  paper: boolean;
  // State of the current period.
  spellMonth: number;
  incomeShare: number;
  planFrom: number;
  gapLeft: number;
  zeroNext: boolean;
  justPaused: boolean;
}

/** Parses 'YYYY-MM' into [year, month 0–11]; throws on anything else. */
export function parseYearMonth(value: string): [number, number] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!m) throw new RangeError(`not a month 'YYYY-MM': ${value}`);
  return [Number(m[1]), Number(m[2]) - 1];
}

/** 'YYYY-MM' for month `offset` after the start month. */
function monthLabel(startYear: number, startMonth: number, offset: number): [string, number, number] {
  const total = startYear * 12 + startMonth + offset;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  return [`${year}-${String(month + 1).padStart(2, '0')}`, year, month];
}

/** Expected number of distinct households in the output, used to fix the width of the pseudonyms. */
export function expectedHouseholds(params: GeneratorParams, path = newHouseholdPath(params)): number {
  let total = params.households * stockLevel(params, 0);
  for (let i = params.burnInMonths; i < path.length; i++) total += path[i]!;
  return total;
}

/**
 * Runs the duration model month by month and yields each output month's rows (burn-in months are
 * simulated but not yielded). Deterministic for `params.seed`: all randomness comes from one stream.
 */
export function* generateMonths(params: GeneratorParams): Generator<MonthRows> {
  const rng = new Random(params.seed);
  const [startYear, startMonth] = parseYearMonth(params.start);
  const newPath = newHouseholdPath(params);
  const reentryCdf = reentryDelayCdf(params);
  const idWidth = Math.max(6, String(Math.ceil(2 * expectedHouseholds(params, newPath))).length);
  const reentries = new Map<number, Household[]>();
  let active: Household[] = [];
  let nextSerial = 1;

  const startSpell = (h: Household): void => {
    h.spellMonth = 0;
    const rule = params.income[h.reason]!;
    h.incomeShare = rng.chance(rule.probability) ? rng.uniform(rule.minShare, rule.maxShare) : 0;
    const [from, to] = params.handlingsplanFromMonth;
    h.planFrom = rng.chance(params.handlingsplanShare) ? rng.int(from, to) : Number.POSITIVE_INFINITY;
    h.gapLeft = 0;
    h.zeroNext = false;
    h.justPaused = false;
  };

  for (let t = -params.burnInMonths; t < params.months; t++) {
    const [manad, year, month] = monthLabel(startYear, startMonth, t);
    for (const h of reentries.get(t) ?? []) {
      if (rng.chance(params.reasonRedrawOnReentry)) h.reason = rng.categorical(params.reasonWeights);
      startSpell(h);
      active.push(h);
    }
    reentries.delete(t);

    const lambda = newPath[t + params.burnInMonths]! * params.seasonality[month]!;
    const arrivals = rng.poisson(lambda);
    for (let i = 0; i < arrivals; i++) {
      const h: Household = {
        comp: drawComposition(rng.categorical(params.hushallstypWeights), year, rng),
        serial: 0,
        reason: rng.categorical(params.reasonWeights),
        enhet: rng.categorical(params.enhetWeights),
        rentFactor: Math.exp(rng.normal(0, params.rentSd)),
        channelU: rng.next(),
        paper: rng.chance(params.paperShareOfRest),
        spellMonth: 0,
        incomeShare: 0,
        planFrom: 0,
        gapLeft: 0,
        zeroNext: false,
        justPaused: false,
      };
      startSpell(h);
      active.push(h);
    }

    const eShare = Math.min(
      params.eShareMax,
      Math.max(params.eShareMin, params.eShare2018 + params.eSharePerYear * (year + month / 12 - 2018)),
    );
    const rows: UtbetalningRow[] = [];
    const serials: number[] = [];
    const stillActive: Household[] = [];
    for (const h of active) {
      const d = ++h.spellMonth;
      stillActive.push(h);
      if (h.gapLeft > 0) {
        h.gapLeft--; // a month without a decision inside the period
        continue;
      }
      ageTo(h.comp, year);
      const zero = h.zeroNext;
      h.zeroNext = false;
      if (!zero && d > 1) {
        if (rng.chance(params.enhetChangeRate)) h.enhet = (h.enhet + rng.int(1, params.enheter.length - 1)) % params.enheter.length;
        if (rng.chance(params.typeChangeRate)) changeType(h.comp, rng);
      }
      let forsorjningsstod = 0;
      let extra = 0;
      // Amounts are only drawn for output months: the burn-in needs the durations, not the money.
      if (!zero && t >= 0) {
        const need = monthlyNeed(year, h.comp.adults, h.comp.childAges, h.rentFactor, params) * (1 + rng.normal(0, 0.03));
        const income = h.incomeShare * need + childIncome(h.comp, params);
        forsorjningsstod = Math.max(200, Math.round(need - income));
        if (rng.chance(params.extraRate)) extra = Math.round(params.extraMeanKr * Math.exp(rng.normal(-0.32, 0.8)));
      }
      if (t >= 0) {
        if (h.serial === 0) h.serial = nextSerial++;
        serials.push(h.serial);
        rows.push({
          hushall_id: `H${String(h.serial).padStart(idWidth, '0')}`,
          manad,
          utbetalt_kr: forsorjningsstod + extra,
          forsorjningsstod_kr: forsorjningsstod,
          hushallstyp: HUSHALLSTYPER[h.comp.typ]!,
          antal_vuxna: h.comp.adults,
          antal_barn: h.comp.childAges.length,
          forsorjningshinder: FORSORJNINGSHINDER[h.reason]!,
          enhet: params.enheter[h.enhet]!,
          kanal: h.channelU < eShare ? KANALER[0] : h.paper ? KANALER[1] : KANALER[2],
          handlingsplan: d >= h.planFrom,
        });
      }
      if (zero) continue;
      if (rng.chance(exitHazard(d, params))) {
        // This was the period's last payment: schedule a return (or none) by the re-entry hazard.
        stillActive.pop();
        const k = inverseCdf(reentryCdf, rng.next());
        if (k < reentryCdf.length) {
          const list = reentries.get(t + k);
          if (list) list.push(h);
          else reentries.set(t + k, [h]);
        }
        continue;
      }
      // A pause right after another would join into a break of ≥ 3 months, which ends a period under G = 3.
      if (h.justPaused) {
        h.justPaused = false;
        continue;
      }
      const u = rng.next();
      if (u < params.gapRate) {
        h.gapLeft = rng.chance(params.twoMonthGapShare) ? 2 : 1;
        h.justPaused = true;
      } else if (u < params.gapRate + params.zeroRowRate) {
        h.zeroNext = true;
        h.justPaused = true;
      }
    }
    active = stillActive;
    if (t >= 0) {
      const order = serials.map((_, i) => i).sort((a, b) => serials[a]! - serials[b]!);
      yield { manad, rows: order.map((i) => rows[i]!) };
    }
  }
}
