/**
 * The numeric scenario fields, their allowed ranges and Swedish labels, in one table.
 * The schema, the uncertainty ranges, the sensitivity chart and docs/simulation.md all read
 * ranges from here, so a bound is written once.
 */

/** One numeric field of a scenario; `*` in `path` matches a fee name or a ramp index. */
export interface NumericField {
  readonly path: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** May be given an uncertainty range (months, seed and the like may not). */
  readonly uncertain: boolean;
}

const MAX_COUNT = 10_000_000;
const MAX_KR = 1_000_000_000;

/** Every numeric field, in the order the documentation lists them. */
export const NUMERIC_FIELDS: readonly NumericField[] = [
  { path: 'months', label: 'Antal månader', min: 1, max: 120, integer: true, uncertain: false },
  { path: 'seed', label: 'Slumpfrö', min: 0, max: 4_294_967_295, integer: true, uncertain: false },
  { path: 'baseline.households', label: 'Hushåll med bistånd', min: 1, max: MAX_COUNT, uncertain: true },
  { path: 'baseline.casesPerMonth', label: 'Ärenden per månad', min: 0, max: MAX_COUNT, uncertain: true },
  { path: 'baseline.paymentPerHouseholdKr', label: 'Utbetalt per hushåll och månad', min: 0, max: 1_000_000, uncertain: true },
  { path: 'baseline.meanDurationMonths', label: 'Genomsnittlig periodlängd (månader)', min: 1, max: 600, uncertain: true },
  { path: 'baseline.hazard.*', label: 'Avslutsrisk per bidragsmånad', min: 0, max: 1, uncertain: false },
  { path: 'handling.hoursPerCase', label: 'Arbetstid per ärende och månad (timmar)', min: 0, max: 100, uncertain: true },
  { path: 'handling.hoursPerFteMonth', label: 'Timmar per heltid och månad', min: 1, max: 744, uncertain: false },
  { path: 'handling.costPerFteMonthKr', label: 'Kostnad per heltid och månad', min: 0, max: 1_000_000, uncertain: true },
  { path: 'handling.reinvestedShare', label: 'Andel av frigjord tid till aktivt arbete', min: 0, max: 1, uncertain: true },
  { path: 'handling.staffCostReductionShare', label: 'Andel av övrig frigjord tid som tas bort ur personalkostnaden', min: 0, max: 1, uncertain: true },
  { path: 'automation.ramp.*.0', label: 'Månad i införandet', min: 0, max: 120, integer: true, uncertain: false },
  { path: 'automation.ramp.*.1', label: 'Tidsbesparing', min: 0, max: 1, uncertain: true },
  { path: 'automation.digitalShare', label: 'Andel e-ansökningar', min: 0, max: 1, uncertain: true },
  { path: 'automation.manualShare', label: 'Andel som ändå handläggs manuellt', min: 0, max: 1, uncertain: true },
  { path: 'automation.feesPerCaseKr.*', label: 'Avgift per ärende', min: 0, max: 100_000, uncertain: true },
  { path: 'automation.robots.clientsPerRobot', label: 'Klienter per robot', min: 1, max: MAX_COUNT, uncertain: true },
  { path: 'automation.robots.licencePerRobotYearKr', label: 'Licens per robot och år', min: 0, max: MAX_KR, uncertain: true },
  { path: 'automation.oneOffCostKr', label: 'Engångskostnad', min: 0, max: MAX_KR, uncertain: true },
  { path: 'automation.fixedCostPerYearKr', label: 'Fast driftkostnad per år', min: 0, max: MAX_KR, uncertain: true },
  { path: 'effects.durationReductionMonths', label: 'Kortare bidragstid (månader)', min: 0, max: 120, uncertain: true },
  { path: 'effects.fewerHouseholds', label: 'Färre hushåll', min: 0, max: MAX_COUNT, uncertain: true },
  { path: 'effects.targetShare', label: 'Andel av hushållen som bidragstidseffekten gäller', min: 0, max: 1, uncertain: true },
  { path: 'effects.startMonth', label: 'Effekten börjar månad', min: 1, max: 120, integer: true, uncertain: false },
  { path: 'uncertainty.runs', label: 'Antal körningar', min: 1, max: 100_000, integer: true, uncertain: false },
];

function matches(pattern: string, path: string): boolean {
  const p = pattern.split('.');
  const q = path.split('.');
  return p.length === q.length && p.every((part, i) => part === '*' || part === q[i]);
}

/** The field definition for a concrete dotted path (`automation.feesPerCaseKr.etjanst`), if any. */
export function findField(path: string): NumericField | undefined {
  return NUMERIC_FIELDS.find((field) => matches(field.path, path));
}

/** The field definition for an exact pattern; throws for a typo in our own code. */
export function fieldSpec(pattern: string): NumericField {
  const field = NUMERIC_FIELDS.find((f) => f.path === pattern);
  if (!field) throw new Error(`Unknown scenario field pattern ${pattern}`);
  return field;
}
