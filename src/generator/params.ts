/**
 * The generator's parameters: the known truth behind the sample data. Tests and the simulation's
 * calibration compare what they recover from the data with these values.
 */

/** Socialstyrelsen's seven household types, exactly as the data contract (docs/data.md) spells them. */
export const HUSHALLSTYPER = [
  'ensamstående man utan barn',
  'ensamstående kvinna utan barn',
  'ensamstående kvinna med barn',
  'ensamstående man med barn',
  'sammanboende utan barn',
  'sammanboende med barn',
  'övriga hushåll',
] as const;
/** One of the seven household types. */
export type Hushallstyp = (typeof HUSHALLSTYPER)[number];

/** The main försörjningshinder, exactly as the data contract (docs/data.md) spells them. */
export const FORSORJNINGSHINDER = [
  'arbetslös',
  'arbetshindrad – sociala skäl',
  'sjukskriven',
  'föräldraledig',
  'otillräcklig inkomst',
  'väntar på ersättning',
  'övrigt',
] as const;
/** One försörjningshinder label. */
export type Forsorjningshinder = (typeof FORSORJNINGSHINDER)[number];

/** How the application came in. */
export const KANALER = ['e-tjänst', 'papper', 'muntlig'] as const;
/** One application channel. */
export type Kanal = (typeof KANALER)[number];

/** A band of a piecewise-constant monthly hazard: applies to months up to and including `upTo`. */
export interface HazardBand {
  readonly upTo: number;
  readonly rate: number;
}

/** Income of a household while on assistance, by försörjningshinder. */
export interface IncomeRule {
  /** Probability that a spell has some own income (a-kassa, aktivitetsstöd, lön, föräldrapenning …). */
  readonly probability: number;
  /** That income as a share of the household's monthly need, drawn uniformly in [min, max]. */
  readonly minShare: number;
  readonly maxShare: number;
}

/** Everything the generator needs; `DEFAULT_GENERATOR_PARAMS` is the committed sample. */
export interface GeneratorParams {
  readonly seed: number;
  /** First output month, 'YYYY-MM'. */
  readonly start: string;
  /** Number of output months. */
  readonly months: number;
  /** Typical number of active households per month (the trend is scaled around it). */
  readonly households: number;
  /** Months simulated before `start` so that the first month already holds ongoing spells in steady state. */
  readonly burnInMonths: number;
  /** Active households in the first output month, relative to `households`. */
  readonly startLevel: number;
  /** Exponential decline of the stock per year (0.023 ≈ 420 → 350 over eight years). */
  readonly declinePerYear: number;
  /** Inflow of new households by calendar month (Jan … Dec), mean 1. */
  readonly seasonality: readonly number[];
  /** Exit hazard by months on assistance; `exitTail` applies after the last band. */
  readonly exitBands: readonly HazardBand[];
  readonly exitTail: number;
  /** Re-entry hazard by months since the last payment; zero before `reentryFromMonth` and after the last band. */
  readonly reentryFromMonth: number;
  readonly reentryBands: readonly HazardBand[];
  /** Share of re-entering households that come back with a newly drawn försörjningshinder. */
  readonly reasonRedrawOnReentry: number;
  /** Per paying month: probability that the next month or two have no payment row (a gap inside the period). */
  readonly gapRate: number;
  /** Of those gaps, the share that lasts two months (the rest last one). */
  readonly twoMonthGapShare: number;
  /** Per paying month: probability that the next month has a decision with nothing paid (utbetalt_kr = 0). */
  readonly zeroRowRate: number;
  readonly hushallstypWeights: readonly number[];
  readonly reasonWeights: readonly number[];
  readonly enheter: readonly string[];
  readonly enhetWeights: readonly number[];
  /** Per month on assistance: probability of moving to another enhet. */
  readonly enhetChangeRate: number;
  /** Per month on assistance: probability of a change of household type (separation, partner, birth). */
  readonly typeChangeRate: number;
  /** E-tjänst share of applications: value in January 2018 and change per year, clamped to [min, max]. */
  readonly eShare2018: number;
  readonly eSharePerYear: number;
  readonly eShareMin: number;
  readonly eShareMax: number;
  /** Of the applications that are not e-tjänst, the share on paper (the rest are oral). */
  readonly paperShareOfRest: number;
  /** Share of spells that get a handlingsplan, and the months on assistance at which it is in place. */
  readonly handlingsplanShare: number;
  readonly handlingsplanFromMonth: readonly [number, number];
  /** Rent by household size (1, 2, 3, 4, 5+ persons) at 2023 prices, kr/month. */
  readonly rent2023: readonly number[];
  /** Spread of a household's rent around the typical level (log-normal sd). */
  readonly rentSd: number;
  /** Hushållsel base and per person, hemförsäkring, kr/month at 2023 prices. */
  readonly electricityBase: number;
  readonly electricityPerPerson: number;
  readonly insurance: number;
  /** Barnbidrag per child and underhållsstöd per child of a single parent (counted as income). */
  readonly childBenefit: number;
  readonly maintenanceSupport: number;
  /** Own income by försörjningshinder, same order as FORSORJNINGSHINDER. */
  readonly income: readonly IncomeRule[];
  /** Per paying month: probability of bistånd till livsföringen i övrigt on top, and its mean size (kr). */
  readonly extraRate: number;
  readonly extraMeanKr: number;
}

/** The committed sample: one mid-size municipality, 2018-01 to 2025-12. */
export const DEFAULT_GENERATOR_PARAMS: GeneratorParams = {
  seed: 20260101,
  start: '2018-01',
  months: 96,
  households: 400,
  burnInMonths: 180,
  startLevel: 1.05,
  declinePerYear: 0.023,
  seasonality: [1.12, 1.0, 1.0, 0.95, 0.92, 1.0, 1.12, 1.1, 1.0, 0.95, 0.92, 0.92],
  exitBands: [
    { upTo: 3, rate: 0.17 },
    { upTo: 12, rate: 0.1 },
    { upTo: 24, rate: 0.06 },
    { upTo: 36, rate: 0.04 },
  ],
  exitTail: 0.03,
  reentryFromMonth: 4,
  reentryBands: [
    { upTo: 12, rate: 0.04 },
    { upTo: 36, rate: 0.005 },
    { upTo: 120, rate: 0.001 },
  ],
  reasonRedrawOnReentry: 0.3,
  gapRate: 0.012,
  twoMonthGapShare: 0.4,
  zeroRowRate: 0.005,
  hushallstypWeights: [0.4, 0.2, 0.16, 0.03, 0.06, 0.11, 0.04],
  reasonWeights: [0.56, 0.29, 0.06, 0.02, 0.03, 0.02, 0.02],
  enheter: ['Centrum', 'Norr', 'Söder', 'Väster'],
  enhetWeights: [0.3, 0.25, 0.25, 0.2],
  enhetChangeRate: 0.003,
  typeChangeRate: 0.002,
  eShare2018: 0.3,
  eSharePerYear: 0.0625,
  eShareMin: 0.05,
  eShareMax: 0.92,
  paperShareOfRest: 0.75,
  handlingsplanShare: 0.8,
  handlingsplanFromMonth: [2, 3],
  rent2023: [4700, 5800, 6800, 7600, 8400],
  rentSd: 0.2,
  electricityBase: 300,
  electricityPerPerson: 80,
  insurance: 150,
  childBenefit: 1250,
  maintenanceSupport: 1600,
  income: [
    { probability: 0.7, minShare: 0.25, maxShare: 0.65 },
    { probability: 0.4, minShare: 0.1, maxShare: 0.5 },
    { probability: 0.2, minShare: 0.1, maxShare: 0.4 },
    { probability: 1, minShare: 0.3, maxShare: 0.7 },
    { probability: 1, minShare: 0.3, maxShare: 0.75 },
    { probability: 0.1, minShare: 0.1, maxShare: 0.4 },
    { probability: 0.4, minShare: 0.1, maxShare: 0.5 },
  ],
  extraRate: 0.05,
  extraMeanKr: 1500,
};
