import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { importFixture } from '../import/test-helpers.ts';
import { main } from './ingest.ts';

let dir: string;
let db: NodeConnector;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-test-'));
  db = await NodeConnector.open();
});
afterAll(async () => {
  await db.close();
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Rows of a written Parquet file, read back by DuckDB with plain SQL. */
async function readBack(path: string, select = '*'): Promise<Record<string, unknown>[]> {
  const table = await db.query(`SELECT ${select} FROM read_parquet(?)`, [path]);
  return table.toArray().map((r) => ({ ...(r as { toJSON(): Record<string, unknown> }).toJSON() }));
}

describe('npm run ingest -- <file> --out <file.parquet>', () => {
  it('writes contract Parquet with exact amounts and contract types from a semicolon/BOM/decimal-comma export', async () => {
    const out = join(dir, 'semi.parquet');
    const { code, stdout, stderr } = await run(importFixture('semicolon-bom-decimal-comma.csv'), '--out', out);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/Utbetalt\s+1\u00a0282\u00a0350 kr\s+1\u00a0282\u00a0350 kr/);
    expect(await readBack(out)).toEqual([
      { hushall_id: 'A-1', manad: '2024-05', utbetalt_kr: 1_261_000.5, antal_barn: 2 },
      { hushall_id: 'A-2', manad: '2024-05', utbetalt_kr: 8_350.25, antal_barn: 0 },
      { hushall_id: 'A-3', manad: '2024-06', utbetalt_kr: 12_000, antal_barn: 1 },
      { hushall_id: 'A-1', manad: '2024-06', utbetalt_kr: 999.25, antal_barn: 2 },
    ]);
    const types = await db.query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))", [out]);
    expect(types.toArray().map((r) => `${r.column_name} ${r.column_type}`)).toEqual(['hushall_id VARCHAR', 'manad VARCHAR', 'utbetalt_kr DOUBLE', 'antal_barn INTEGER']);
  });

  it('refuses a file with personnummer: exit 1, one line naming the column and count, no file written', async () => {
    const out = join(dir, 'pnr.parquet');
    const { code, stdout, stderr } = await run(importFixture('personnummer.csv'), '--out', out);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe('Filen innehåller personuppgifter och ingen fil skrevs: kolumnen "personnummer" ser ut att innehålla personnummer '
      + 'eller samordningsnummer (4 värden). Ta bort kolumnen med --drop "personnummer" eller gör den till hushall_id med '
      + '--pseudonymise "personnummer" --key-file <nyckel.json>.\n');
    expect(existsSync(out)).toBe(false);
  });

  it('pseudonymises into hushall_id with a new key file; no original value is in the Parquet file', async () => {
    const out = join(dir, 'pseudo.parquet');
    const keyFile = join(dir, 'nyckel.json');
    const { code, stdout } = await run(importFixture('personnummer.csv'), '--out', out, '--pseudonymise', 'personnummer', '--key-file', keyFile);
    expect(code).toBe(0);
    expect(stdout).toContain('Personuppgifter: kolumnen "personnummer" pseudonymiserades till hushall_id.');
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ format: 'bistandslaget-pseudonym-key', algorithm: 'HMAC-SHA-256' });
    const rows = await readBack(out, "hushall_id, manad, utbetalt_kr, concat_ws('|', COLUMNS(*)) AS all_text");
    expect(rows.map((r) => r.hushall_id)).toEqual([rows[0]!.hushall_id, rows[0]!.hushall_id, expect.stringMatching(/^P[0-9a-f]{20}$/), expect.stringMatching(/^P/)]);
    const everything = rows.map((r) => String(r.all_text)).join('\n');
    for (const original of ['811218', '8112189876', '121212', '1212121212', '701063', '7010632391']) expect(everything).not.toContain(original);
    // The same key next month gives the same pseudonyms.
    const again = join(dir, 'pseudo2.parquet');
    expect((await run(importFixture('personnummer.csv'), '--out', again, '--pseudonymise', 'personnummer', '--key-file', keyFile)).code).toBe(0);
    expect(await readBack(again, 'hushall_id')).toEqual(rows.map((r) => ({ hushall_id: r.hushall_id })));
  });

  it('refuses a file with bad rows unless --only-valid, then imports the valid ones and lists the rest', async () => {
    const out = join(dir, 'bad.parquet');
    const refused = await run(importFixture('bad-values.csv'), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('15 av 17 rader avvisades (första: rad 2: utbetalt_kr: inte ett ändligt tal). '
      + 'Rätta filen, eller kör med --only-valid för att importera bara de giltiga raderna.\n');
    expect(existsSync(out)).toBe(false);
    const valid = await run(importFixture('bad-values.csv'), '--out', out, '--only-valid');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('Avvisade rader: 15\n  rad 2: utbetalt_kr: inte ett ändligt tal\n');
    expect(await readBack(out, 'hushall_id, utbetalt_kr')).toEqual([{ hushall_id: 'B1', utbetalt_kr: 1000 }, { hushall_id: 'B17', utbetalt_kr: 2000.75 }]);
  });

  it('reads a path literally: no glob, no FIFO, no directory, no empty file', async () => {
    const d = join(dir, 'paths');
    mkdirSync(d);
    const csv = (id: string) => `hushall_id;manad;utbetalt_kr\n${id};2024-01;100\n`;
    writeFileSync(join(d, 'data1.csv'), csv('ONE'));
    writeFileSync(join(d, 'data2.csv'), csv('TWO'));
    expect(await run(join(d, 'data*.csv'), '--out', join(d, 'x.parquet'))).toEqual({ code: 1, stdout: '', stderr: `Filen finns inte: ${join(d, 'data*.csv')}\n` });
    writeFileSync(join(d, 'data[1].csv'), csv('BRACKET'));
    expect((await run(join(d, 'data[1].csv'), '--out', join(d, 'b.parquet'))).code).toBe(0);
    expect(await readBack(join(d, 'b.parquet'), 'hushall_id')).toEqual([{ hushall_id: 'BRACKET' }]);
    expect(spawnSync('mkfifo', [join(d, 'pipe.csv')]).status).toBe(0);
    expect((await run(join(d, 'pipe.csv'), '--out', join(d, 'p.parquet'))).stderr).toBe(`${join(d, 'pipe.csv')} är inte en vanlig fil (utan en mapp, pipe eller enhet).\n`);
    expect((await run(d, '--out', join(d, 'q.parquet'))).stderr).toBe(`${d} är inte en vanlig fil (utan en mapp, pipe eller enhet).\n`);
    expect((await run(importFixture('empty.csv'), '--out', join(d, 'e.parquet'))).stderr).toBe(`Filen är tom: ${importFixture('empty.csv')}\n`);
    expect(existsSync(join(d, 'x.parquet')) || existsSync(join(d, 'p.parquet')) || existsSync(join(d, 'q.parquet')) || existsSync(join(d, 'e.parquet'))).toBe(false);
  });

  it('reads an Excel workbook: number, date and text cells through the same rules', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Utbetalningar');
    ws.addRow(['Hushåll', 'Månad', 'Utbetalt']);
    ws.addRow(['X1', new Date(Date.UTC(2024, 4, 31)), 1234.75]);
    ws.addRow(['X2', '2024-06', '1 000,50']);
    ws.addRow(['X3', 45292, 8000]); // 45292 = Excel serial for 2024-01-01
    const path = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(path);
    const out = join(dir, 'book.parquet');
    const { code, stdout } = await run(path, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('(xlsx, blad Utbetalningar)');
    expect(await readBack(out)).toEqual([
      { hushall_id: 'X1', manad: '2024-05', utbetalt_kr: 1234.75 },
      { hushall_id: 'X2', manad: '2024-06', utbetalt_kr: 1000.5 },
      { hushall_id: 'X3', manad: '2024-01', utbetalt_kr: 8000 },
    ]);
  });

  it('saves the mapping it used and reads it back with a value mapping for kanal', async () => {
    const csv = join(dir, 'codes.csv');
    writeFileSync(csv, 'Ärende;Period;Belopp;Inkommen via\nA;2024-01;10;E\nB;2024-01;20;P\n');
    const mappingPath = join(dir, 'mapping.json');
    expect((await run(csv, '--out', join(dir, 'codes.parquet'), '--save-mapping', mappingPath)).stderr)
      .toBe('Ingen rad i filen är giltig (2 rader avvisade). Första felet: rad 1, kanal: okänd kanal (lägg till en värdemappning).\n');
    const mapping = { format: 'bistandslaget-mapping', version: 1, name: 'Vår export', columns: { hushall_id: 'Ärende', manad: 'Period', utbetalt_kr: 'Belopp', kanal: 'Inkommen via' }, values: { kanal: { E: 'e-tjänst', P: 'papper' } } };
    writeFileSync(mappingPath, JSON.stringify(mapping));
    const saved = join(dir, 'saved.json');
    expect((await run(csv, '--out', join(dir, 'codes.parquet'), '--mapping', mappingPath, '--save-mapping', saved)).code).toBe(0);
    expect(await readBack(join(dir, 'codes.parquet'), 'hushall_id, kanal')).toEqual([{ hushall_id: 'A', kanal: 'e-tjänst' }, { hushall_id: 'B', kanal: 'papper' }]);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(mapping);
  });

  it('as a process (npm run ingest): exit 1 and no file for personnummer', () => {
    const out = join(dir, 'spawned.parquet');
    const result = spawnSync('node_modules/.bin/tsx', ['src/cli/ingest.ts', importFixture('personnummer.csv'), '--out', out], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Filen innehåller personuppgifter och ingen fil skrevs: kolumnen "personnummer"/);
    expect(existsSync(out)).toBe(false);
  });
});
