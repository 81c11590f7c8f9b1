/**
 * Metrics report for controllers' scripted reports, over the same definitions as the dashboard.
 *
 * Usage: npm run metrics -- --data <file.csv|file.parquet> [--from YYYY-MM] [--to YYYY-MM]
 *                           [--gap 3] [--window 12] [--json]
 *
 * With --json stdout holds exactly one JSON object ({ monthly, yearly }); otherwise a Swedish table.
 * Any bad input gives exit code 1, one Swedish line on stderr and nothing on stdout.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { QueryError } from '../engine/connector.ts';
import { NodeConnector } from '../engine/node-connector.ts';
import { formatCount, formatKr, formatMonth, formatNumber, formatPercent, MISSING } from '../format/sv.ts';
import { DEFAULT_GAP, DEFAULT_WINDOW } from '../metrics/prepare.ts';
import { computeReport, type Report } from '../metrics/report.ts';
import { toMonthIndex } from '../metrics/month.ts';

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

function months(value: number | null): string {
  return value === null ? MISSING : `${formatNumber(value, 1)} mån`;
}

function render(report: Report, options: Options): string {
  const monthly = table(
    ['Månad', 'Hushåll', 'Utbetalt', 'Nya', 'Avslut', 'Barn', 'E-ansökan'],
    report.monthly.map((m) => [
      formatMonth(m.month), formatCount(m.households), formatKr(m.paidKr), formatCount(m.newHouseholds),
      formatCount(m.exits), formatCount(m.children), formatPercent(m.eShare),
    ]),
  );
  const yearly = table(
    ['År', 'Hushåll', 'Utbetalt', 'Långvariga', 'Andel långv.', 'Avslut', 'Återaktual.', 'Andel återakt.', 'Bidragstid medel', 'Median'],
    report.yearly.map((y) => [
      String(y.year), formatCount(y.households), formatKr(y.paidKr), formatCount(y.longTermHouseholds),
      formatPercent(y.longTermShare), formatCount(y.exits), formatCount(y.reactivated), formatPercent(y.reactivationRate),
      months(y.meanDurationMonths), months(y.medianDurationMonths),
    ]),
  );
  return [
    `Biståndsläget – nyckeltal för ${options.data}`,
    `Uppehåll som bryter en period: ${options.gap} månader. Uppföljning av återaktualisering: ${options.window} månader.`,
    `Antal 1–4 visas som <5. ${MISSING} = kan inte beräknas (data täcker inte månaderna före/efter, eller uppgift saknas).`,
    '',
    'Per månad',
    monthly,
    '',
    'Per år',
    yearly,
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<string> {
  const options = parseOptions(argv);
  if (!existsSync(options.data)) throw new UsageError(`Filen finns inte: ${options.data}`);
  if (!/\.(csv|parquet)$/i.test(options.data)) throw new UsageError(`Filtypen stöds inte: ${options.data} (använd .csv eller .parquet)`);
  const db = await NodeConnector.open();
  try {
    try {
      await db.loadFile('utbetalningar', options.data);
    } catch (error) {
      const detail = error instanceof QueryError ? error.message.split('\n')[0] : String(error);
      throw new UsageError(`Kunde inte läsa ${options.data}: ${detail}`);
    }
    const report = await computeReport(db, { from: options.from, to: options.to, gap: options.gap, window: options.window });
    return options.json ? `${JSON.stringify(report)}\n` : render(report, options);
  } finally {
    await db.close();
  }
}

try {
  // Everything is computed before anything is written, so a failure never leaves partial output.
  process.stdout.write(await main(process.argv.slice(2)));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message.split('\n')[0]}\n`);
  process.exitCode = 1;
}
