import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { fixturePath } from '../../tests/fixtures/metrics/tables.ts';
import { main } from './metrics.ts';
import type { Report } from '../metrics/report.ts';

const nextYear = new Date().getFullYear() + 1;
let dir: string;
let db: NodeConnector;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-input-'));
  db = await NodeConnector.open();
});
afterAll(async () => {
  await db.close();
});

function csv(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `hushall_id,manad,utbetalt_kr\n${rows.join('\n')}\n`);
  return path;
}

/** A Parquet file written by plain DuckDB SQL, with typed values the CSV reader would never produce. */
async function parquet(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  await db.query(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  return path;
}

describe('npm run metrics -- --data: the file is read exactly, and bad values are refused', () => {
  it('does not glob: data*.csv is a file name, data[1].csv reads that file and not data1.csv', async () => {
    csv('data1.csv', ['H1,2024-01,100']);
    csv('data2.csv', ['H2,2024-01,200']);
    await expect(main(['--data', join(dir, 'data*.csv')])).rejects.toThrow(`Filen finns inte: ${join(dir, 'data*.csv')}`);
    const bracket = csv('data[1].csv', ['H9,2024-01,7']);
    const report = JSON.parse(await main(['--data', bracket, '--json'])) as Report;
    expect(report.monthly.map((m) => [m.month, m.paidKr])).toEqual([['2024-01', 7]]);
    const p = await parquet('p1.parquet', "SELECT 'H1' AS hushall_id, '2024-01' AS manad, 5.0 AS utbetalt_kr");
    await parquet('p2.parquet', "SELECT 'H2' AS hushall_id, '2024-01' AS manad, 6.0 AS utbetalt_kr");
    await expect(main(['--data', join(dir, 'p*.parquet')])).rejects.toThrow('Filen finns inte');
    expect((JSON.parse(await main(['--data', p, '--json'])) as Report).monthly[0]!.paidKr).toBe(5);
  });

  it('refuses a FIFO and an empty file before reading, and a header without rows', async () => {
    const fifo = join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(main(['--data', fifo])).rejects.toThrow(`${fifo} är inte en vanlig fil (utan en mapp, pipe eller enhet).`);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await expect(main(['--data', empty])).rejects.toThrow(`Filen är tom: ${empty}`);
    await expect(main(['--data', csv('header.csv', [])])).rejects.toThrow('Filen har en rubrikrad men inga datarader.');
  });

  it.each([
    ['NaN', 'Kolumnen utbetalt_kr: inte ett ändligt tal på rad 2'],
    ['Infinity', 'Kolumnen utbetalt_kr: inte ett ändligt tal på rad 2'],
    ['1e400', 'Kolumnen utbetalt_kr: tal i exponentform (t.ex. 1E+06) kan vara avrundat – exportera hela talet på rad 2'],
  ])('refuses a %s amount in a CSV', async (amount, message) => {
    await expect(main(['--data', csv(`amount-${amount}.csv`, ['H1,2024-01,10', `H2,2024-01,${amount}`])])).rejects.toThrow(message);
  });

  it.each(['10000-01-01', '0000-01', '1900-01', '9999-12'])('refuses the month %s in a CSV and in Parquet', async (month) => {
    const inCsv = main(['--data', csv(`m-${month}.csv`, ['H1,2024-01,10', `H2,${month},10`])]);
    await expect(inCsv).rejects.toThrow(/^Kolumnen manad: (månaden ligger utanför 1990–\d{4}|inte en månad .*) på rad 2$/);
    const p = await parquet(`m-${month}.parquet`, `SELECT * FROM (VALUES ('H1', '2024-01', 10.0), ('H2', '${month}', 10.0)) t(hushall_id, manad, utbetalt_kr)`);
    await expect(main(['--data', p])).rejects.toThrow(`Kolumnen manad: månaden ligger utanför 1990–${nextYear} på rad 2 (${month})`);
  });

  it.each([
    ["'NaN'::DOUBLE", 'inte ett ändligt tal'], ["'Infinity'::DOUBLE", 'inte ett ändligt tal'],
    ['12000000.0', 'orimligt belopp (10 mnkr eller mer för ett hushåll och en månad)'],
  ])('refuses a Parquet amount %s', async (value, problem) => {
    const p = await parquet(`a-${problem.length}-${value.length}.parquet`, `SELECT * FROM (VALUES ('H1', '2024-01', 10.0::DOUBLE), ('H2', '2024-01', ${value})) t(hushall_id, manad, utbetalt_kr)`);
    await expect(main(['--data', p])).rejects.toThrow(new RegExp(`^Kolumnen utbetalt_kr: ${problem.replace(/[()]/g, '\\$&')} på rad 2`));
  });

  it('says so when --from/--to lie outside the data (basic.csv covers januari 2020 – december 2021)', async () => {
    await expect(main(['--data', fixturePath('basic.csv'), '--from', '2030-01'])).rejects
      .toThrow('Perioden 2030-01–slutet (--from/--to) ligger utanför data, som täcker januari 2020–december 2021');
    await expect(main(['--data', fixturePath('basic.csv'), '--from', '2015-01', '--to', '2016-12'])).rejects
      .toThrow('Perioden 2015-01–2016-12 (--from/--to) ligger utanför data, som täcker januari 2020–december 2021');
  });

  it('a 40 000-row CSV: a decimal antal_barn in row 30 000 is refused there; a decimal amount there is kept exactly', async () => {
    const lines = (bad: (row: number) => [string, string]) => {
      const out = ['hushall_id,manad,utbetalt_kr,antal_barn'];
      for (let row = 1; row <= 40_000; row++) {
        const [amount, children] = row === 30_000 ? bad(row) : [String(1000 + (row % 7)), String(row % 3)];
        out.push(`H${row % 5000},${2016 + Math.floor((row - 1) / 5000)}-01,${amount},${children}`);
      }
      return out.join('\n');
    };
    const countFile = join(dir, 'late-count.csv');
    writeFileSync(countFile, lines(() => ['1000', '1.5']));
    await expect(main(['--data', countFile])).rejects.toThrow('Kolumnen antal_barn: inte ett heltal (antal kan inte ha decimaler) på rad 30\u00a0000');
    const amountFile = join(dir, 'late-amount.csv');
    writeFileSync(amountFile, lines(() => ['1234.75', '0']));
    const report = JSON.parse(await main(['--data', amountFile, '--json'])) as Report;
    // Row 30 000 is in 2021-01 (rows 25 001–30 000); the month's sum by plain arithmetic.
    let expected = 0;
    for (let row = 25_001; row <= 30_000; row++) expected += row === 30_000 ? 1234.75 : 1000 + (row % 7);
    expect(report.monthly.find((m) => m.month === '2021-01')!.paidKr).toBe(expected);
  });
});
