/**
 * The assumptions a politician can move on the Scenarier page, as plain data (the ramp and fee
 * scaling included): each reads its value
 * from a scenario file and writes a changed copy. The page, the URL state and the downloaded file
 * all go through these, so a slider position and the file it produces cannot drift apart.
 */
import type { ScenarioFile } from './scenario.ts';
import { formatKr, formatNumber, formatPercent } from '../format/sv.ts';

/** One adjustable assumption; `key` is its short name in the URL. */
export interface Assumption {
  readonly key: string;
  readonly label: string;
  /** One sentence on what it means, shown under the slider. */
  readonly help: string;
  readonly min: (file: ScenarioFile) => number;
  readonly max: (file: ScenarioFile) => number;
  readonly step: number;
  readonly read: (file: ScenarioFile) => number;
  /** Writes `value` into `file` (a private copy the caller may mutate). */
  readonly write: (file: ScenarioFile, value: number) => void;
  readonly format: (value: number) => string;
}

const months = (v: number) => `${formatNumber(v)} mån`;
const monthsFine = (v: number) => `${formatNumber(v, Number.isInteger(v) ? 0 : 2)} mån`;

function finalSaving(file: ScenarioFile): number {
  return file.automation.ramp.at(-1)?.[1] ?? 0;
}

function monthToFull(file: ScenarioFile): number {
  return file.automation.ramp.at(-1)?.[0] ?? 1;
}

/** First ramp month at which half the final saving is reached (the seeds' "40 % after 4 months"). */
function monthToHalf(file: ScenarioFile): number {
  const half = finalSaving(file) / 2;
  return file.automation.ramp.find((p) => p[1] >= half - 1e-9)?.[0] ?? monthToFull(file);
}

/** Two-phase ramp: half the saving after `toHalf` months, all of it after `toFull`. */
function writeRamp(file: ScenarioFile, saving: number, toHalf: number, toFull: number): void {
  file.automation.ramp = toHalf < toFull ? [[toHalf, saving / 2], [toFull, saving]] : [[toFull, saving]];
}

function feeTotal(file: ScenarioFile): number {
  return Object.values(file.automation.feesPerCaseKr).reduce((a, b) => a + b, 0);
}

/** Every assumption on the page, in the order the sliders are shown. */
export const ASSUMPTIONS: readonly Assumption[] = [
  {
    key: 'ts',
    label: 'Slutlig tidsbesparing per automatiserat ärende',
    help: 'Hur mycket kortare arbetstiden per ärende blir när införandet är klart (underlaget: 75–80 %).',
    min: () => 0,
    max: () => 0.95,
    step: 0.05,
    read: finalSaving,
    write: (f, v) => writeRamp(f, v, monthToHalf(f), monthToFull(f)),
    format: (v) => formatPercent(v),
  },
  {
    key: 'rh',
    label: 'Månader till halva tidsbesparingen',
    help: 'Första fasen av införandet; före den sparas ingen tid.',
    min: () => 1,
    max: () => 24,
    step: 1,
    read: monthToHalf,
    write: (f, v) => writeRamp(f, finalSaving(f), v, Math.max(monthToFull(f), v + 1)),
    format: months,
  },
  {
    key: 'rf',
    label: 'Månader till full tidsbesparing',
    help: 'När hela införandet är klart (underlaget: högst 8 månader).',
    min: () => 1,
    max: () => 36,
    step: 1,
    read: monthToFull,
    write: (f, v) => writeRamp(f, finalSaving(f), Math.min(monthToHalf(f), v), v),
    format: months,
  },
  {
    key: 'ds',
    label: 'Andel ansökningar via e-tjänsten',
    help: 'Bara ansökningar som kommer in digitalt kan förberedas automatiskt.',
    min: () => 0,
    max: () => 1,
    step: 0.01,
    read: (f) => f.automation.digitalShare,
    write: (f, v) => void (f.automation.digitalShare = v),
    format: (v) => formatPercent(v),
  },
  {
    key: 'ms',
    label: 'Andel av e-ansökningarna som ändå handläggs manuellt',
    help: 'Stickprov och avvikelser tar full tid (underlaget: cirka 10 %).',
    min: () => 0,
    max: () => 0.5,
    step: 0.01,
    read: (f) => f.automation.manualShare,
    write: (f, v) => void (f.automation.manualShare = v),
    format: (v) => formatPercent(v),
  },
  {
    key: 'hc',
    label: 'Arbetstid per ärende och månad i dag',
    help: 'Hur många timmar en handläggare lägger på ett ärende i månaden utan automatisering (underlaget: 3–5 timmar).',
    min: () => 0.5,
    max: () => 8,
    step: 0.25,
    read: (f) => f.handling.hoursPerCase,
    write: (f, v) => void (f.handling.hoursPerCase = v),
    format: (v) => `${formatNumber(v, Number.isInteger(v) ? 0 : 2)} tim`,
  },
  {
    key: 'fee',
    label: 'Avgifter per ärende i e-tjänsten',
    help: 'Tjänsteavgifter per ärende som går genom den automatiserade handläggningen.',
    min: () => 0,
    max: () => 1000,
    step: 10,
    read: feeTotal,
    write: (f, v) => {
      const total = feeTotal(f);
      const fees = f.automation.feesPerCaseKr;
      // Keep the named fees and their proportions, so the downloaded file still says what is paid for.
      if (total > 0) for (const name of Object.keys(fees)) fees[name] = (fees[name]! * v) / total;
      else f.automation.feesPerCaseKr = { avgift: v };
    },
    format: (v) => formatKr(v),
  },
  {
    key: 'ri',
    label: 'Andel av frigjord tid som används till aktivt arbete',
    help:
      'Tid som handläggarna lägger på att hjälpa klienter mot egen försörjning kostar fortfarande lön; det den ger är kortare bidragstid ' +
      '(nästa reglage). Utan sådan tid finns inget arbete bakom en kortare bidragstid.',
    min: () => 0,
    max: () => 1,
    step: 0.05,
    read: (f) => f.handling.reinvestedShare,
    write: (f, v) => void (f.handling.reinvestedShare = v),
    format: (v) => formatPercent(v),
  },
  {
    key: 'sr',
    label: 'Andel av frigjord tid som tas bort ur personalkostnaden',
    help:
      'Den frigjorda tid som inte går till aktivt arbete blir pengar bara om tjänster tas bort eller lämnas obesatta. ' +
      '0 % betyder att personalkostnaden är oförändrad och tiden används till annat.',
    min: () => 0,
    max: () => 1,
    step: 0.05,
    read: (f) => f.handling.staffCostReductionShare,
    write: (f, v) => void (f.handling.staffCostReductionShare = v),
    format: (v) => formatPercent(v),
  },
  {
    key: 'dr',
    label: 'Kortare bidragstid tack vare frigjord tid',
    help: 'Månader kortare perioder med bistånd när handläggarna arbetar aktivt med klienterna. Ett antagande: ingen studie har mätt effekten.',
    min: () => 0,
    max: (f) => Math.max(0, Math.min(3, Math.floor(((f.baseline.meanDurationMonths ?? 4) - 1) * 20) / 20)),
    step: 0.05,
    read: (f) => f.effects.durationReductionMonths,
    write: (f, v) => void (f.effects.durationReductionMonths = v),
    format: monthsFine,
  },
  {
    key: 'fh',
    label: 'Färre hushåll (direkt effekt)',
    help: 'Hushåll som inte behöver bistånd alls tack vare det aktiva arbetet. Samma arbete som ger kortare bidragstid – välj helst den ena eller den andra.',
    min: () => 0,
    max: (f) => Math.max(10, Math.round((f.baseline.households ?? 100) / 2)),
    step: 1,
    read: (f) => f.effects.fewerHouseholds,
    write: (f, v) => void (f.effects.fewerHouseholds = v),
    format: (v) => `${formatNumber(v)} hushåll`,
  },
  {
    key: 'tg',
    label: 'Andel av hushållen som bidragstidseffekten gäller',
    help: 'Om det aktiva arbetet riktas till en målgrupp (t.ex. arbetslösa) kortas bara deras bidragstid; 100 % betyder alla hushåll.',
    min: () => 0,
    max: () => 1,
    step: 0.05,
    read: (f) => f.effects.targetShare,
    write: (f, v) => {
      f.effects.targetShare = v;
      // The file's group name described its own share, not the one set on the page.
      delete f.effects.targetGroup;
    },
    format: (v) => formatPercent(v),
  },
  {
    key: 'es',
    label: 'Effekten på hushållen börjar i månad',
    help: 'När det aktiva arbetet börjar ge färre hushåll.',
    min: () => 1,
    max: (f) => f.months,
    step: 1,
    read: (f) => f.effects.startMonth,
    write: (f, v) => void (f.effects.startMonth = Math.min(v, f.months)),
    format: (v) => `månad ${formatNumber(v)}`,
  },
  {
    key: 'mo',
    label: 'Tidshorisont',
    help: 'Hur många månader framåt scenariot räknas.',
    min: () => 12,
    max: () => 120,
    step: 6,
    read: (f) => f.months,
    write: (f, v) => {
      f.months = v;
      f.effects.startMonth = Math.min(f.effects.startMonth, v);
    },
    format: months,
  },
];

/** The assumption with URL key `key`, if any. */
export function findAssumption(key: string): Assumption | undefined {
  return ASSUMPTIONS.find((a) => a.key === key);
}

/** Rounds a slider value to its step's precision, so URLs read `0.8`, not `0.8000000000000002`. */
export function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)) + 1);
  return Number(value.toFixed(decimals));
}
