/**
 * `npm run simulate -- <scenario.json> [--data <file>] [--json]`: runs a scenario file and prints
 * `{scenario, months, summary}` as JSON, or a readable Swedish table. With `baseline.calibrate: true`
 * the baseline is estimated from the case data in `--data` (Parquet or CSV with the contract columns).
 * Bad input gives a one-line Swedish message per problem on stderr and exit code 1.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { NodeConnector } from '../engine/node-connector.ts';
import { formatKr, formatMonth, formatNumber, formatPercent } from '../format/sv.ts';
import { calibrateBaseline } from '../metrics/calibration.ts';
import { checkScenarioFile, resolveScenario, ScenarioError, simulate, type BaselineCalibration, type SimulationResult } from '../simulation/index.ts';

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

async function calibrateFrom(path: string): Promise<BaselineCalibration> {
  const db = await NodeConnector.open();
  try {
    await db.loadFile('utbetalningar', path);
    return await calibrateBaseline(db);
  } finally {
    await db.close();
  }
}

function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The readable Swedish report: assumptions, monthly table, yearly totals and payback. */
export function formatReport(result: SimulationResult): string {
  const { scenario, months, summary } = result;
  const banded = months[0]?.cumulativeNetSavingsKrP10 !== undefined;
  const out: string[] = [`Scenario: ${scenario.name}`];
  if (scenario.description) out.push(scenario.description);
  const b = scenario.baseline;
  out.push(
    `Utgångsläge${b.calibrated ? ' (kalibrerat från data)' : ''}: ${formatNumber(b.households)} hushåll, ${formatKr(b.paymentPerHouseholdKr)} per hushåll och månad, ` +
      `genomsnittlig bidragstid ${formatNumber(b.meanDurationMonths, 1)} månader.`,
  );
  const share = scenario.handling.reinvestedShare;
  if (share > 0) {
    out.push(
      `${formatPercent(share)} av den frigjorda tiden används till aktivt arbete med klienterna och räknas inte som besparing i kronor; ` +
        'effekten syns i stället som kortare bidragstid.',
    );
  }
  out.push('');
  const header = ['Månad', 'Hushåll', 'Tidsbesparing', 'Timmar', 'Frigjorda timmar', 'Årsarbetare', 'Kostnad automatisering', 'Minskade utbetalningar', 'Nettobesparing', 'Ackumulerat'];
  if (banded) header.push('Ackumulerat p10', 'p50', 'p90');
  const rows = months.map((m) => {
    const row = [
      formatMonth(m.month), formatNumber(m.households, 1), formatPercent(m.timeSaving), formatNumber(m.hours, 2),
      formatNumber(m.freedHours, 2), formatNumber(m.fte, 2), formatKr(m.automationCostKr), formatKr(m.baselinePaymentsKr - m.paymentsKr),
      formatKr(m.netSavingsKr), formatKr(m.cumulativeNetSavingsKr),
    ];
    if (banded) row.push(formatKr(m.cumulativeNetSavingsKrP10), formatKr(m.cumulativeNetSavingsKrP50), formatKr(m.cumulativeNetSavingsKrP90));
    return row;
  });
  out.push(table(header, rows), '', 'Per år');
  out.push(
    table(
      ['År', 'Månader', 'Kostnad automatisering', 'Minskade utbetalningar', 'Frigjorda timmar', 'Nettobesparing'],
      summary.years.map((y) => [String(y.year), String(y.months), formatKr(y.automationCostKr), formatKr(y.paymentSavingsKr), formatNumber(y.freedHours), formatKr(y.netSavingsKr)]),
    ),
    '',
  );
  const last = months[months.length - 1]!;
  if (summary.paybackMonth !== null) {
    out.push(`Återbetald: månad ${summary.paybackMonth} (${formatMonth(summary.paybackMonthLabel!)}).`);
  } else if (months.every((m) => m.cumulativeNetSavingsKr >= -0.01)) {
    out.push('Ingen investering att betala tillbaka: den ackumulerade nettobesparingen är aldrig negativ.');
  } else {
    out.push(`Betalar sig inte inom ${scenario.months} månader (ackumulerat ${formatKr(last.cumulativeNetSavingsKr)}).`);
  }
  if (summary.paybackProbability !== undefined) {
    out.push(`Sannolikhet att betala sig inom ${scenario.months} månader: ${formatPercent(summary.paybackProbability)} (${formatNumber(scenario.uncertainty!.runs)} körningar).`);
  }
  return out.join('\n');
}

/** Runs the command; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const checked = checkScenarioFile(readJson(args.scenario));
    if (!checked.ok) throw new ScenarioError(checked.issues);
    const file = checked.file;
    if (args.data && !file.baseline.calibrate) {
      process.stderr.write(`Obs: --data används inte eftersom scenariot inte har baseline.calibrate: true\n`);
    }
    if (file.baseline.calibrate && !args.data) {
      throw new ScenarioError(['baseline.calibrate: scenariot ska kalibreras från fall-data; ange --data <fil>']);
    }
    const calibration = file.baseline.calibrate && args.data ? await calibrateFrom(args.data) : undefined;
    const result = simulate(resolveScenario(file, calibration));
    process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatReport(result)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
