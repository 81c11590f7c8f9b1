/**
 * `npm run simulate -- <scenario.json> [--data <file>] [--json]`: runs a scenario file and prints
 * `{scenario, months, summary}` as JSON, or a readable Swedish table. With `baseline.calibrate: true`
 * the baseline is estimated from the utbetalningsdata in `--data` (Parquet or CSV with the contract
 * columns), or from the bundled sample `data/utbetalningar.parquet` when `--data` is not given.
 * Bad input gives a one-line Swedish message per problem on stderr and exit code 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NodeConnector } from '../engine/node-connector.ts';
import { loadDataFile } from '../import/node/load-data-file.ts';
import { formatKr, formatMonth, formatNumber, formatPercent } from '../format/sv.ts';
import { calibrateBaseline } from '../metrics/calibration.ts';
import { prepareMetrics } from '../metrics/prepare.ts';
import { checkScenarioFile, resolveScenario, ScenarioError, simulate, type BaselineCalibration, type SimulationResult } from '../simulation/index.ts';

/** The bundled sample data, used to calibrate when `--data` is not given. */
export const SAMPLE_DATA = fileURLToPath(new URL('../../data/utbetalningar.parquet', import.meta.url));

const USAGE = 'Användning: npm run simulate -- <scenario.json> [--data <fil.parquet|fil.csv>] [--json]';

/** Command-line options. */
interface Args {
  scenario: string;
  data?: string;
  json: boolean;
}

/** Parses argv (after the script name); throws a Swedish message for anything it does not know. */
export function parseArgs(argv: readonly string[]): Args {
  let scenario: string | undefined;
  let data: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--data') {
      data = argv[++i];
      if (!data) throw new Error(`--data saknar filnamn. ${USAGE}`);
    } else if (arg.startsWith('--')) throw new Error(`Okänd flagga ${arg}. ${USAGE}`);
    else if (scenario) throw new Error(`Bara en scenariofil i taget (fick även ${arg}). ${USAGE}`);
    else scenario = arg;
  }
  if (!scenario) throw new Error(`Ange en scenariofil. ${USAGE}`);
  return { scenario, ...(data ? { data } : {}), json };
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Kan inte läsa scenariofilen ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`Scenariofilen ${path} är inte giltig JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The baseline a `calibrate: true` scenario gets from the data file at `path` (also the bench's). */
export async function calibrateFrom(path: string): Promise<BaselineCalibration> {
  const db = await NodeConnector.open();
  try {
    // The exact file by the import's rules (src/import): no glob, no FIFO, no type sniffing.
    await loadDataFile(db, path);
    return await calibrateBaseline(db, { model: await prepareMetrics(db) });
  } finally {
    await db.close();
  }
}

function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The line that says where the baseline comes from. */
export function baselineLine(scenario: SimulationResult['scenario'], dataFile?: string): string {
  const b = scenario.baseline;
  const figures =
    `${formatNumber(b.households, 1)} hushåll, ${formatKr(b.paymentPerHouseholdKr)} per hushåll och månad, ` +
    `genomsnittlig periodlängd ${formatNumber(b.meanDurationMonths, 1)} månader`;
  return b.calibrated ? `Utgångsläge från data${dataFile ? ` (${dataFile})` : ''}: ${figures}.` : `Utgångsläge (fasta värden i scenariofilen): ${figures}.`;
}

function paybackLine(label: string, month: number | null, monthLabel: string | null, cumulative: readonly number[], horizon: number): string {
  if (month !== null) return `${label}: återbetald månad ${month} (${formatMonth(monthLabel!)}).`;
  if (cumulative.every((v) => v >= -0.01)) return `${label}: ingen investering att betala tillbaka, det ackumulerade beloppet är aldrig negativt.`;
  return `${label}: betalar sig inte inom ${horizon} månader (ackumulerat ${formatKr(cumulative[cumulative.length - 1]!)}).`;
}

/** The readable Swedish report: assumptions, monthly table, yearly totals, payback on cash and incl. freed time. */
export function formatReport(result: SimulationResult, dataFile?: string): string {
  const { scenario, months, summary } = result;
  const banded = months[0]?.cumulativeBudgetEffectKrP10 !== undefined;
  const out: string[] = [`Scenario: ${scenario.name}`];
  if (scenario.description) out.push(scenario.description);
  out.push(baselineLine(scenario, dataFile));
  const share = scenario.handling.reinvestedShare;
  if (share > 0) {
    out.push(
      `${formatPercent(share)} av den frigjorda tiden används till aktivt arbete med klienterna och räknas inte i kronor; ` +
        'effekten syns i stället som kortare bidragstid.',
    );
  }
  const cut = scenario.handling.staffCostReductionShare;
  out.push(
    cut > 0
      ? `${formatPercent(cut)} av den övriga frigjorda tiden tas bort ur personalkostnaden (tjänster dras in eller lämnas obesatta) och räknas som kontant besparing.`
      : 'Ingen frigjord tid tas bort ur personalkostnaden: värdet av frigjord tid är inte pengar i budgeten.',
  );
  for (const warning of summary.warnings) out.push(`Obs: ${warning}`);
  out.push('Belopp i fasta priser, ej diskonterade.', '');
  const header = ['Månad', 'Hushåll', 'Tidsbesparing', 'Timmar', 'Frigjorda timmar', 'Årsarbetare', 'Kostnad automatisering', 'Minskade utbetalningar', 'Minskad personalkostnad', 'Budgeteffekt', 'Ackumulerad budgeteffekt', 'Värde frigjord tid'];
  if (banded) header.push('Ackumulerat p10', 'p50', 'p90');
  const rows = months.map((m) => {
    const row = [
      formatMonth(m.month), formatNumber(m.households, 1), formatPercent(m.timeSaving), formatNumber(m.hours, 2),
      formatNumber(m.freedHours, 2), formatNumber(m.fte, 2), formatKr(m.automationCostKr), formatKr(m.paymentSavingsKr),
      formatKr(m.staffCostSavingsKr), formatKr(m.budgetEffectKr), formatKr(m.cumulativeBudgetEffectKr), formatKr(m.freedTimeValueKr),
    ];
    if (banded) row.push(formatKr(m.cumulativeBudgetEffectKrP10), formatKr(m.cumulativeBudgetEffectKrP50), formatKr(m.cumulativeBudgetEffectKrP90));
    return row;
  });
  out.push(table(header, rows), '', 'Per år');
  out.push(
    table(
      ['År', 'Månader', 'Minskade utbetalningar', 'Minskad personalkostnad', 'Kostnad automatisering', 'Budgeteffekt', 'Frigjorda timmar', 'Värde frigjord tid (ej kontant)'],
      summary.years.map((y) => [
        String(y.year), String(y.months), formatKr(y.paymentSavingsKr), formatKr(y.staffCostSavingsKr), formatKr(y.automationCostKr),
        formatKr(y.budgetEffectKr), formatNumber(y.freedHours), formatKr(y.freedTimeValueKr - y.staffCostSavingsKr),
      ]),
    ),
    '',
  );
  const parts = summary.effectParts;
  if (parts.durationKr !== 0 && parts.fewerHouseholdsKr !== 0) {
    out.push(`Minskade utbetalningar: ${formatKr(parts.durationKr)} av kortare bidragstid och ${formatKr(parts.fewerHouseholdsKr)} av färre hushåll.`);
  }
  out.push(paybackLine('Budgeteffekt (kontant)', summary.paybackMonth, summary.paybackMonthLabel, months.map((m) => m.cumulativeBudgetEffectKr), scenario.months));
  out.push(
    paybackLine('Inklusive värdet av frigjord tid', summary.paybackMonthInclFreedTime, summary.paybackMonthInclFreedTimeLabel, months.map((m) => m.cumulativeNetSavingsKr), scenario.months),
  );
  if (summary.paybackProbability !== undefined) {
    out.push(
      `Sannolikhet att investeringen betalar sig inom ${scenario.months} månader (givet antagandena): ${formatPercent(summary.paybackProbability)} ` +
        `(${formatNumber(scenario.uncertainty!.runs)} körningar).`,
    );
  }
  return out.join('\n');
}

/** Where `main` writes; the real process streams by default, a capture in tests. */
export interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Runs the command; returns the exit code. */
export async function main(argv: readonly string[], io: Output = process): Promise<number> {
  try {
    const args = parseArgs(argv);
    const checked = checkScenarioFile(readJson(args.scenario));
    if (!checked.ok) throw new ScenarioError(checked.issues);
    const file = checked.file;
    if (args.data && !file.baseline.calibrate) {
      io.stderr.write(`Obs: --data används inte eftersom scenariot inte har baseline.calibrate: true\n`);
    }
    // Without --data a calibrated scenario uses the bundled sample, so the ready scenarios run as they are.
    const dataFile = file.baseline.calibrate ? (args.data ?? SAMPLE_DATA) : undefined;
    if (dataFile && !existsSync(dataFile)) throw new Error(`Kan inte läsa utbetalningsdata: ${dataFile} finns inte`);
    const calibration = dataFile ? await calibrateFrom(dataFile) : undefined;
    const result = simulate(resolveScenario(file, calibration));
    io.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatReport(result, dataFile && relative(process.cwd(), dataFile))}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
