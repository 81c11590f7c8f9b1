/**
 * Metrics report for controllers' scripted reports, over the same definitions as the dashboard.
 *
 * Usage: npm run metrics -- --data <file.csv|file.xlsx|file.parquet> [--from YYYY-MM] [--to YYYY-MM]
 *                           [--gap 3] [--window 12] [--json]
 *
 * With --json stdout holds exactly one JSON object ({ monthly, yearly }); otherwise a Swedish table.
 * Any bad input gives exit code 1, one Swedish line on stderr and nothing on stdout.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { QueryError } from '../engine/connector.ts';
import { NodeConnector } from '../engine/node-connector.ts';
import { ImportError } from '../import/errors.ts';
import { loadDataFile } from '../import/node/load-data-file.ts';
import { formatCount, formatKr, formatMonth, formatNumber, formatPercent, MISSING } from '../format/sv.ts';
import { COMPARABLE_DURATION_MONTHS } from '../metrics/duration-bias.ts';
import { DEFAULT_GAP, DEFAULT_WINDOW } from '../metrics/prepare.ts';
import { computeReport, type Report } from '../metrics/report.ts';
import { toMonthIndex } from '../metrics/month.ts';

/** Shown instead of a figure computed over fewer than 5 households. */
const PROTECTED = '×';

/** A one-line, user-facing failure: printed as-is on stderr. */
class UsageError extends Error {}

interface Options {
  data: string;
  from?: string;
  to?: string;
  gap: number;
  window: number;
  json: boolean;
}

function integerOption(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`Ogiltigt värde för --${name}: ${text} (ange ett heltal)`);
  return Number(text);
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
        gap: { type: 'string' }, window: { type: 'string' }, json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`Okänt eller felaktigt argument (${text}). Användning: npm run metrics -- --data <fil.csv|fil.parquet> [--from ÅÅÅÅ-MM] [--to ÅÅÅÅ-MM] [--gap 3] [--window 12] [--json]`);
  }
  if (!values.data) throw new UsageError('Ange datafil med --data <fil.csv|fil.parquet>');
  for (const [name, month] of [['from', values.from], ['to', values.to]] as const) {
    if (month !== undefined) {
      try {
        toMonthIndex(month);
      } catch {
        throw new UsageError(`Ogiltig månad för --${name}: ${month} (ange ÅÅÅÅ-MM)`);
      }
    }
  }
  return {
    data: values.data, from: values.from, to: values.to, json: values.json ?? false,
    gap: integerOption(values.gap, 'gap', DEFAULT_GAP), window: integerOption(values.window, 'window', DEFAULT_WINDOW),
  };
}

/** Pads cells into aligned columns: first column left-aligned, figures right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function months(value: number | null, biased = false): string {
  return value === null ? MISSING : `${formatNumber(value, 1)} mån${biased ? '*' : ''}`;
}

function render(report: Report, options: Options): string {
  const monthly = table(
    ['Månad', 'Hushåll', 'Personer', 'Hushåll m. barn', 'Utbetalt', 'Påbörjade', 'varav nya', 'varav återk.', 'Avslut', 'Barn', 'E-ansökan'],
    report.monthly.map((m) => [
      formatMonth(m.month), formatCount(m.households), guard(m.households, formatCount(m.persons)),
      guard(m.households, formatCount(m.householdsWithChildren)), formatKr(m.paidKr),
      formatCount(m.newHouseholds), formatCount(firstTime(m.newHouseholds, m.returningHouseholds)), formatCount(m.returningHouseholds),
      formatCount(m.exits), formatCount(m.children), formatPercent(m.eShare),
    ]),
  );
  const biased = report.yearly.filter((y) => y.durationBiased);
  const yearly = table(
    ['År', 'Hushåll', 'Utbetalt', 'Biståndsmån./hushåll', 'Långvariga', 'Andel långv.', 'Andel långv. vuxna', 'Avslut',
      'Ej återakt.', 'Återaktual.', 'Bidragstid/period medel', 'Median'],
    report.yearly.map((y) => [
      String(y.year), formatCount(y.households), formatKr(y.paidKr), y.benefitMonthsPerHousehold === null ? MISSING : formatNumber(y.benefitMonthsPerHousehold, 1),
      formatCount(y.longTermHouseholds), formatPercent(y.longTermShare), formatPercent(y.longTermAdultShare), formatCount(y.exits),
      formatPercent(y.notReactivatedRate), formatCount(y.reactivated),
      months(y.meanDurationMonths, y.durationBiased), months(y.medianDurationMonths, y.durationBiased),
    ]),
  );
  return [
    `Biståndsläget – nyckeltal för ${options.data}`,
    `Uppehåll som bryter en period: ${options.gap} månader. Uppföljning av återaktualisering: ${options.window} månader.`,
    `Antal 1–4 visas som <5. ${MISSING} = kan inte beräknas (data täcker inte månaderna före/efter, eller uppgift saknas). `
      + `${PROTECTED} = skyddat: färre än 5 hushåll.`,
    '',
    'Per månad (påbörjade perioder = nya + återkommande; återkommande = hushållet har haft en tidigare period i data)',
    monthly,
    '',
    'Per år',
    yearly,
    '',
    'Biståndsmånader per hushåll = månader med utbetalning under året ÷ hushåll under året (Socialstyrelsens mått, hela kalenderår).',
    `Ej återakt. = andel av avslut med full uppföljning där hushållet inte kommit tillbaka inom ${options.window} månader (Kolada), efter avslutsår.`,
    'Bidragstid per period = periodens längd i kalendermånader (egen definition, inte Socialstyrelsens biståndsmånader per hushåll).',
    ...(biased.length > 0
      ? [`* Påverkas av datastart (${biased.map((y) => y.year).join(', ')}): perioder som slutar då kan inte ha setts vara i ${COMPARABLE_DURATION_MONTHS} månader, `
        + 'och perioder som pågick vid datastart räknas inte, så medelvärdet blir för lågt. Jämför inte de åren med senare år.']
      : []),
    '',
  ].join('\n');
}

/**
 * Persons and households with children are attributes of the month's households: when those are 1–4
 * they are protected too (docs/metrics.md, small counts), or 4 households with 5 persons would show.
 */
function guard(households: number, text: string): string {
  return households > 0 && households < 5 ? PROTECTED : text;
}

/** Period starts whose household had no earlier period in the data. */
function firstTime(started: number | null, returning: number | null): number | null {
  return started === null || returning === null ? null : started - returning;
}

/** The report text for `argv`; throws an Error whose first line is the Swedish message. Exported for in-process tests. */
export async function main(argv: string[]): Promise<string> {
  const options = parseOptions(argv);
  if (!/\.(csv|parquet|xlsx)$/i.test(options.data)) throw new UsageError(`Filtypen stöds inte: ${options.data} (använd .csv, .xlsx eller .parquet)`);
  const db = await NodeConnector.open();
  try {
    try {
      // The exact file, read by the import's own rules (src/import): never a glob, a FIFO or type sniffing.
      await loadDataFile(db, options.data);
    } catch (error) {
      if (error instanceof ImportError) throw new UsageError(error.message);
      const detail = error instanceof QueryError ? error.message.split('\n')[0] : String(error);
      throw new UsageError(`Kunde inte läsa ${options.data}: ${detail}`);
    }
    const span = await dataSpan(db);
    if ((options.from ?? span.first) > span.last || (options.to ?? span.last) < span.first) {
      const chosen = `${options.from ?? 'början'}–${options.to ?? 'slutet'}`;
      throw new UsageError(`Perioden ${chosen} (--from/--to) ligger utanför data, som täcker ${formatMonth(span.first)}–${formatMonth(span.last)}`);
    }
    // One open end is the data's own end (the report needs both or neither).
    const range = options.from || options.to ? { from: options.from ?? span.first, to: options.to ?? span.last } : {};
    const report = await computeReport(db, { ...range, gap: options.gap, window: options.window });
    return options.json ? `${JSON.stringify(report)}\n` : render(report, options);
  } finally {
    await db.close();
  }
}

/** The first and last month of the loaded data, as YYYY-MM (validation has already checked every month). */
async function dataSpan(db: NodeConnector): Promise<{ first: string; last: string }> {
  const span = await db.query('SELECT min(CAST(manad AS VARCHAR)) AS first, max(CAST(manad AS VARCHAR)) AS last FROM utbetalningar');
  return { first: String(span.getChild('first')?.get(0) ?? '').slice(0, 7), last: String(span.getChild('last')?.get(0) ?? '').slice(0, 7) };
}

/** Where `run` writes; the real process streams by default, a capture in tests. */
export interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The command as the shell sees it: output, one Swedish line on stderr on failure, and the exit code. */
export async function run(argv: string[], io: Output = process): Promise<number> {
  try {
    // Everything is computed before anything is written, so a failure never leaves partial output.
    io.stdout.write(await main(argv));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${message.split('\n')[0]}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await run(process.argv.slice(2));
}
