/**
 * Small counts in every file `npm run report` writes (docs/metrics.md "Små antal", docs/exports.md), over
 * the fixture with enheter of 1 (Ettan), 4 (Fyran), 5 (Femman) and 40 (Stora) households
 * (tests/fixtures/suppression/small-groups.ts). Each file is read by a real consumer, not by our code:
 * XLSX → CSV by LibreOffice, PPTX → PDF by LibreOffice → text by pdftotext (and its chart XML by unzip),
 * PDF → pdftotext; the CSV is text. Expected figures are hand-worked from the fixture's design or come
 * from plain SQL over the fixture's CSV in this file, never from src/metrics or src/export.
 *
 * No built-in notebook breaks down by enhet, so the månadsrapport's breakdown by försörjningshinder is
 * given the enheter as its groups: a copy of the fixture with `forsorjningshinder = enhet`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureOffice } from '../../scripts/ensure-office.mjs';
import { DIST_DIR } from './harness.ts';
import { officePdf, splitFields, xlsxSheets } from './office-files.ts';
import { SMALL_GROUPS_CSV, smallGroupRows, type FixtureRow } from '../fixtures/suppression/small-groups.ts';

const OUT = mkdtempSync(join(tmpdir(), 'skydd-export-'));
const OFFICE = ensureOffice({ quiet: true });
if (!OFFICE) console.warn('LibreOffice/pdftotext saknas och kan inte installeras (inte root): exporttesterna för små antal hoppas över.');
const YEAR = 'period=2025-01..2025-12';
/** Every report takes a cold browser and DuckDB-WASM start; on a loaded 2-core machine that is about a minute. */
const RUN_TIMEOUT = 500_000;
/** How long one report waits for the notebook. */
const REPORT_WAIT = 180_000;

function writeCsv(name: string, rows: readonly FixtureRow[]): string {
  const columns = Object.keys(rows[0]!) as (keyof FixtureRow)[];
  // Not in OUT itself: a report named like its data file (grupper.csv) would overwrite it.
  mkdirSync(join(OUT, 'data'), { recursive: true });
  const file = join(OUT, 'data', name);
  writeFileSync(file, [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c])).join(','))].join('\n') + '\n');
  return file;
}
/** The enheter as the groups of the försörjningshinder breakdown: Ettan 1, Fyran 4, Femman 5, Stora. */
const GROUPS_CSV = writeCsv('grupper.csv', smallGroupRows().map((r) => ({ ...r, forsorjningshinder: r.enhet })));
/** The same without Fyran: exactly one protected group (Ettan), so the next smallest (Femman) must go too. */
const ONE_SMALL_CSV = writeCsv('en-liten.csv', smallGroupRows().filter((r) => r.enhet !== 'Fyran').map((r) => ({ ...r, forsorjningshinder: r.enhet })));

/** Runs `npm run report` as a user would; resolves with exit code, output and seconds. */
function report(args: string[]): Promise<{ code: number; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { env: { ...process.env, REPORT_DIST: resolve(DIST_DIR), REPORT_TIMEOUT_MS: String(REPORT_WAIT) } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

/** No-break and narrow no-break spaces (Swedish grouping) as plain spaces, runs of white space as one. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');

/** Every sheet of an XLSX as LibreOffice's CSV (raw values), as rows of fields. */
function xlsxRows(xlsx: string): string[][] {
  return [...xlsxSheets(xlsx, mkdtempSync(join(OUT, 'lo-'))).values()].flat();
}

/** Text of a PDF by pdftotext. */
const pdfText = (pdf: string) => plain(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));

/** Text of a PPTX: LibreOffice converts it to PDF, pdftotext reads that. */
function pptxText(pptx: string): string {
  return pdfText(officePdf(pptx, mkdtempSync(join(OUT, 'lo-'))));
}

/** The native charts of a PPTX (unzip reads the archive): per chart, category → value ('' when empty). */
function pptxCharts(pptx: string): Map<string, string>[] {
  const names = execFileSync('unzip', ['-Z1', pptx], { encoding: 'utf8' }).split('\n').filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
  return names.map((name) => {
    const xml = execFileSync('unzip', ['-p', pptx, name], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const points = (part: string) => new Map([...part.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>/g)].map((m) => [m[1]!, m[2]!]));
    const out = new Map<string, string>();
    for (const ser of xml.split('<c:ser>').slice(1)) {
      const cats = points(/<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)?.[1] ?? '');
      const vals = points(/<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? '');
      for (const [idx, cat] of cats) out.set(cat, vals.get(idx) ?? '');
    }
    return out;
  });
}

/** A field that a spreadsheet or reader takes as a number (raw "30.33", Swedish "30,3", "12,4 %", "75%"). */
const isNumber = (field: string) => /^[+−-]?\d[\d ]*([.,]\d+)?\s?%?$/.test(plain(field).trim());

/** Values in the text of `file` that must not be there, each with what it would have told. */
function leaksIn(text: string, leaks: readonly string[]): string[] {
  return leaks.filter((leak) => plain(text).includes(leak));
}

interface GroupFigures {
  decKr: number;
  decHouseholds: number;
  ytdKr: number;
  dec2024Kr: number;
  eShare: number;
}
let figures: Map<string, GroupFigures>;
/** Mean active households per month in 2025 per group, and each group's share of their sum. */
let breakdown: Map<string, { avg: number; share: number; households: number }>;
let oneSmall: Map<string, { avg: number; share: number; households: number }>;

async function sql<T>(query: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    return (await (await db.runAndReadAll(query)).getRowObjectsJson()) as T[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** Plain SQL for the group breakdown of the månadsrapport's "per försörjningshinder" chart and table. */
async function breakdownOf(csv: string) {
  const rows = await sql<{ g: string; avg: number; share: number; households: number }>(`
    WITH t AS (SELECT * FROM read_csv('${csv}', all_varchar = true) WHERE CAST(utbetalt_kr AS DOUBLE) > 0 AND manad BETWEEN '2025-01' AND '2025-12'),
    m AS (SELECT forsorjningshinder AS g, count(DISTINCT hushall_id || manad) / 12.0 AS avg, count(DISTINCT hushall_id) AS households FROM t GROUP BY ALL)
    SELECT g, avg, avg / sum(avg) OVER () AS share, households FROM m`);
  return new Map(rows.map((r) => [r.g, { avg: Number(r.avg), share: Number(r.share), households: Number(r.households) }]));
}

/** A share as it would be written: Swedish with one decimal ("12,4 %") and LibreOffice's raw percent ("12.39669…%"). */
function shareTexts(share: number): string[] {
  const pct = share * 100;
  return [`${pct.toFixed(1).replace('.', ',')} %`, String(pct).slice(0, 5), String(pct).slice(0, 5).replace('.', ',')];
}

/** A group's share as written ("2,5 %"), but not a signed change that happens to read the same ("+2,5 %"). */
const sharePattern = (share: number) => new RegExp(`(?<![+−\\d,])${shareTexts(share)[0]}`);

/** Swedish grouping as the page and files write it ("24 444"), and the raw digits ("24444"). */
const krTexts = (kr: number) => [String(kr), String(kr).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')];

beforeAll(async () => {
  const rows = await sql<{ enhet: string; dec_kr: number; dec_h: number; ytd_kr: number; dec2024_kr: number; e_share: number }>(`
    SELECT enhet,
      sum(CAST(utbetalt_kr AS DOUBLE)) FILTER (WHERE manad = '2025-12') AS dec_kr,
      count(DISTINCT hushall_id) FILTER (WHERE manad = '2025-12') AS dec_h,
      sum(CAST(utbetalt_kr AS DOUBLE)) FILTER (WHERE manad LIKE '2025-%') AS ytd_kr,
      sum(CAST(utbetalt_kr AS DOUBLE)) FILTER (WHERE manad = '2024-12') AS dec2024_kr,
      avg(CASE WHEN kanal = 'e-tjänst' THEN 1.0 ELSE 0 END) FILTER (WHERE manad = '2025-12') AS e_share
    FROM read_csv('${SMALL_GROUPS_CSV}', all_varchar = true) GROUP BY enhet`);
  figures = new Map(rows.map((r) => [r.enhet, { decKr: Number(r.dec_kr), decHouseholds: Number(r.dec_h), ytdKr: Number(r.ytd_kr), dec2024Kr: Number(r.dec2024_kr), eShare: Number(r.e_share) }]));
  breakdown = await breakdownOf(GROUPS_CSV);
  oneSmall = await breakdownOf(ONE_SMALL_CSV);
}, 60_000);

/**
 * What a group's report must not say, as the files would write it: its month's and year's amounts, the
 * amount per household, its change in kr and % against the same month a year before, and its e-share.
 */
function groupLeaks(enhet: string): string[] {
  const f = figures.get(enhet)!;
  const change = f.decKr - f.dec2024Kr;
  return [
    ...krTexts(f.decKr), ...krTexts(f.decKr / f.decHouseholds), ...krTexts(f.ytdKr),
    `${(f.ytdKr / 1000).toFixed(1).replace('.', ',')} tkr`,
    `+${change.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} kr`,
    // The change in % either way of a half (444 of 24 000 is 1,85 %: "1,8 %" or "1,9 %" depending on rounding).
    ...[Math.floor, Math.ceil].map((round) => `${(round((change / f.dec2024Kr) * 1000) / 10).toFixed(1).replace('.', ',')} %`),
    `${Math.round(f.eShare * 100)} %`, `${(f.eShare * 100).toFixed(1).replace('.', ',')} %`,
  ];
}

describe('the fixture and its hand-worked figures', () => {
  it('has the groups the file tests rely on (plain SQL agrees with the fixture design)', () => {
    // Hand-worked from tests/fixtures/suppression/small-groups.ts: every household paid every month.
    expect(figures.get('Ettan')).toEqual({ decKr: 7777, decHouseholds: 1, ytdKr: 12 * 7777, dec2024Kr: 7000, eShare: 1 });
    expect(figures.get('Fyran')).toEqual({ decKr: 4 * 6111, decHouseholds: 4, ytdKr: 12 * 4 * 6111, dec2024Kr: 4 * 6000, eShare: 0.75 });
    expect(figures.get('Femman')).toMatchObject({ decKr: 25_000, decHouseholds: 5, ytdKr: 300_000 });
    expect(groupLeaks('Fyran')).toEqual(['24444', '24 444', '6111', '6 111', '293328', '293 328', '293,3 tkr', '+444 kr', '1,8 %', '1,9 %', '75 %', '75,0 %']);
    expect([...breakdown.keys()].sort()).toEqual(['Ettan', 'Femman', 'Fyran', 'Stora']);
    expect(breakdown.get('Ettan')!.avg).toBe(1);
    expect(breakdown.get('Fyran')!.avg).toBe(4);
    expect(breakdown.get('Femman')!.avg).toBe(5);
  });
});

describe.skipIf(!OFFICE)('small counts in the files of npm run report', () => {
  const seconds: Record<string, number> = {};
  async function write(name: string, format: string, data: string, ...extra: string[]): Promise<string> {
    const out = join(OUT, `${name}.${format}`);
    const args = ['manadsrapport', '--format', format, '--out', out, '--data', data, '--set', YEAR, ...extra];
    const ran = await report(args);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    seconds[`${name}.${format}`] = ran.seconds;
    console.log(`npm run report ${name} --format ${format}: ${ran.seconds.toFixed(1)} s`);
    return out;
  }

  /** Every row whose first field is a protected group has no number in it. */
  function expectGroupRowsProtected(rows: readonly string[][], groups: readonly string[]): void {
    const hits = rows.filter((r) => groups.includes(r[0]!.trim()));
    expect(hits.length).toBeGreaterThan(0);
    for (const r of hits) expect(r.slice(1).filter(isNumber), `${r.join(';')}`).toEqual([]);
  }

  /** Rows of the breakdown (first field a group) with numbers: the group's mean households and share. */
  function expectShownGroup(rows: readonly string[][], group: string, expected: { avg: number; share: number; households: number }): void {
    const number = (f: string) => Number(plain(f).replace(/\s/g, '').replace(',', '.').replace('%', ''));
    const hits = rows.filter((r) => r[0] === group);
    // The chart's data: mean households per month and households in the period.
    // (the CSV writes the mean as a count, rounded; the workbook keeps the exact value under a count format).
    const mean = (f: string) => Math.abs(number(f) - expected.avg) < 1e-4 || number(f) === Math.round(expected.avg);
    expect(hits.some((r) => mean(r[1]!) && number(r[2]!) === expected.households), hits.map((r) => r.join(';')).join(' | ')).toBe(true);
    // The share table, in percent.
    expect(hits.some((r) => r.length === 2 && Math.abs(number(r[1]!) - expected.share * 100) < 1e-4), hits.map((r) => r.join(';')).join(' | ')).toBe(true);
  }

  describe('groups of 1, 4, 5 and 40 households in the breakdown (whole kommun)', () => {
    it('XLSX read by LibreOffice: Ettan and Fyran "<5" with no figure, Femman and Stora as numbers', async () => {
      const rows = xlsxRows(await write('grupper', 'xlsx', GROUPS_CSV));
      expectGroupRowsProtected(rows, ['Ettan', 'Fyran']);
      expect(rows.filter((r) => r[0] === 'Ettan' || r[0] === 'Fyran').map((r) => r[1])).toContain('<5');
      expectShownGroup(rows, 'Femman', breakdown.get('Femman')!);
      expectShownGroup(rows, 'Stora', breakdown.get('Stora')!);
      const text = rows.map((r) => r.join(';')).join('\n');
      for (const g of ['Ettan', 'Fyran']) {
        expect(leaksIn(text, shareTexts(breakdown.get(g)!.share).slice(1))).toEqual([]);
        expect(text).not.toMatch(sharePattern(breakdown.get(g)!.share));
      }
      expect(text).toContain('skyddat: färre än 5 hushåll');
    }, RUN_TIMEOUT);

    it('CSV: the same, as Swedish Excel reads it', async () => {
      const text = readFileSync(await write('grupper', 'csv', GROUPS_CSV), 'utf8');
      const rows = text.split('\r\n').map(splitFields);
      expectGroupRowsProtected(rows, ['Ettan', 'Fyran']);
      expectShownGroup(rows, 'Femman', breakdown.get('Femman')!);
      expectShownGroup(rows, 'Stora', breakdown.get('Stora')!);
      for (const g of ['Ettan', 'Fyran']) {
        expect(leaksIn(text, shareTexts(breakdown.get(g)!.share).slice(1))).toEqual([]);
        expect(text).not.toMatch(sharePattern(breakdown.get(g)!.share));
      }
      expect(text).toContain('skyddat: färre än 5 hushåll');
    }, RUN_TIMEOUT);

    it('PPTX via LibreOffice and its chart data: no value for Ettan or Fyran, Femman 5, shares of the shown groups', async () => {
      const file = await write('grupper', 'pptx', GROUPS_CSV);
      const charts = pptxCharts(file).filter((c) => c.has('Ettan'));
      expect(charts.length).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(chart.get('Ettan')).toBe('');
        expect(chart.get('Fyran')).toBe('');
        expect(Number(chart.get('Femman'))).toBe(5);
        expect(Number(chart.get('Stora'))).toBeCloseTo(breakdown.get('Stora')!.avg, 6);
      }
      const text = pptxText(file);
      for (const g of ['Femman', 'Stora']) expect(text).toContain(shareTexts(breakdown.get(g)!.share)[0]);
      // A share of Ettan or Fyran as written (not a change, which carries a sign).
      for (const g of ['Ettan', 'Fyran']) expect(text).not.toMatch(sharePattern(breakdown.get(g)!.share));
      expect(text).not.toContain('Dra över');
    }, RUN_TIMEOUT);

    it('PDF (print): the shown groups\' shares, none of Ettan\'s or Fyran\'s', async () => {
      const text = pdfText(await write('grupper', 'pdf', GROUPS_CSV));
      for (const g of ['Femman', 'Stora']) expect(text).toContain(shareTexts(breakdown.get(g)!.share)[0]);
      for (const g of ['Ettan', 'Fyran']) expect(text).not.toMatch(sharePattern(breakdown.get(g)!.share));
    }, RUN_TIMEOUT);
  });

  describe('exactly one protected group (Ettan) where the total is shown: the next smallest (Femman) goes too', () => {
    it('XLSX and PPTX', async () => {
      expect(oneSmall.get('Femman')!.avg).toBe(5);
      const rows = xlsxRows(await write('en-liten', 'xlsx', ONE_SMALL_CSV));
      expectGroupRowsProtected(rows, ['Ettan', 'Femman']);
      expectShownGroup(rows, 'Stora', oneSmall.get('Stora')!);
      const file = await write('en-liten', 'pptx', ONE_SMALL_CSV);
      for (const chart of pptxCharts(file).filter((c) => c.has('Ettan'))) {
        expect(chart.get('Ettan')).toBe('');
        expect(chart.get('Femman')).toBe('');
      }
      const text = pptxText(file);
      expect(leaksIn(text, shareTexts(oneSmall.get('Femman')!.share).slice(0, 1))).toEqual([]);
      expect(text).toContain(shareTexts(oneSmall.get('Stora')!.share)[0]);
    }, 2 * RUN_TIMEOUT);
  });

  describe('a report filtered down to one small group', () => {
    const FYRAN = ['--set', 'enhet=Fyran'];
    it.each([
      ['xlsx', (f: string) => xlsxRows(f).map((r) => r.join(';')).join('\n')],
      ['csv', (f: string) => readFileSync(f, 'utf8')],
      ['pptx', pptxText],
      ['pdf', pdfText],
    ] as const)('Fyran (4 households) as %s: "<5", the note, and none of its amounts, per-household amounts, shares or changes', async (format, read) => {
      const text = plain(read(await write('fyran', format, SMALL_GROUPS_CSV, ...FYRAN)));
      expect(text).toContain('<5');
      expect(text).toContain('skyddat: färre än 5 hushåll');
      // The notebook CSV is its tables only; the other files name the filter.
      if (format !== 'csv') expect(text).toContain('Fyran');
      expect(leaksIn(text, groupLeaks('Fyran'))).toEqual([]);
      if (format === 'pptx') expect(text).not.toContain('Dra över');
    }, RUN_TIMEOUT);

    it.each([
      ['pptx', pptxText],
    ] as const)('Ettan (1 household) as %s: "<5" and none of its figures', async (format, read) => {
      const text = plain(read(await write('ettan', format, SMALL_GROUPS_CSV, '--set', 'enhet=Ettan')));
      expect(text).toContain('<5');
      expect(leaksIn(text, groupLeaks('Ettan'))).toEqual([]);
    }, RUN_TIMEOUT);
  });

  describe('--troskel 10: the group of 5 is protected too, and the files say so', () => {
    it('PPTX: Femman "<10", "färre än 10 hushåll", none of its figures', async () => {
      const text = pptxText(await write('femman-10', 'pptx', SMALL_GROUPS_CSV, '--set', 'enhet=Femman', '--troskel', '10'));
      expect(text).toContain('<10');
      expect(text).toContain('färre än 10 hushåll');
      expect(text).not.toContain('färre än 5 hushåll');
      expect(leaksIn(text, groupLeaks('Femman'))).toEqual([]);
    }, RUN_TIMEOUT);

    it('XLSX: the same, and "Om rapporten" names the threshold', async () => {
      const rows = xlsxRows(await write('femman-10', 'xlsx', SMALL_GROUPS_CSV, '--set', 'enhet=Femman', '--troskel', '10'));
      const text = rows.map((r) => r.join(';')).join('\n');
      expect(text).toContain('<10');
      expect(text).toContain('Skyddat: färre än 10 hushåll');
      expect(leaksIn(text, groupLeaks('Femman'))).toEqual([]);
    }, RUN_TIMEOUT);

    it('refuses a threshold below 2 with one line and exit code 2', async () => {
      const ran = await report(['manadsrapport', '--format', 'pptx', '--out', join(OUT, 'x.pptx'), '--troskel', '1']);
      expect(ran.code).toBe(2);
      expect(ran.stderr.trim()).toBe('Otillåtet värde för --troskel: "1" (tillåtet: ett heltal 2–100; 5 om det utelämnas).');
    }, 120_000);
  });
});
