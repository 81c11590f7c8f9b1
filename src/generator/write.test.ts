import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { DEFAULT_GENERATOR_PARAMS, type GeneratorParams } from './params.ts';
import { writeDataset } from './write.ts';

// Small enough for a quick test, long enough for re-entries and every kind of row.
const SMALL: GeneratorParams = { ...DEFAULT_GENERATOR_PARAMS, households: 80, months: 24, burnInMonths: 120, seed: 7 };

describe('writeDataset(params, path, format)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gen-test-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('gives a byte-identical Parquet file for the same seed and a different one for another seed', async () => {
    const a = await writeDataset(SMALL, join(dir, 'a.parquet'), 'parquet');
    const b = await writeDataset(SMALL, join(dir, 'b.parquet'), 'parquet');
    const c = await writeDataset({ ...SMALL, seed: 8 }, join(dir, 'c.parquet'), 'parquet');
    const [bytesA, bytesB, bytesC] = await Promise.all([a, b, c].map((r) => readFile(r.path)));
    expect(a.rows).toBeGreaterThan(1000);
    expect(bytesA!.equals(bytesB!)).toBe(true);
    expect(bytesA!.equals(bytesC!)).toBe(false);
    expect(a).toMatchObject({ months: 24, firstMonth: '2018-01', lastMonth: '2019-12' });
  });

  it('writes the contract columns with their types, sorted by manad and hushall_id, same rows as CSV', async () => {
    const pq = await writeDataset(SMALL, join(dir, 'd.parquet'), 'parquet');
    const csv = await writeDataset(SMALL, join(dir, 'd.csv'), 'csv');
    expect(csv.rows).toBe(pq.rows);
    const db = await NodeConnector.open();
    try {
      const described = await db.query('DESCRIBE SELECT * FROM read_parquet(?)', [pq.path]);
      const columns = described.toArray().map((r) => `${r.column_name} ${r.column_type}`);
      expect(columns).toEqual([
        'hushall_id VARCHAR',
        'manad VARCHAR',
        'utbetalt_kr DOUBLE',
        'forsorjningsstod_kr DOUBLE',
        'hushallstyp VARCHAR',
        'antal_vuxna INTEGER',
        'antal_barn INTEGER',
        'forsorjningshinder VARCHAR',
        'enhet VARCHAR',
        'kanal VARCHAR',
        'handlingsplan BOOLEAN',
      ]);
      const unsorted = await db.query(
        `SELECT count(*) AS n FROM (
           SELECT manad, hushall_id, lag(manad) OVER w AS pm, lag(hushall_id) OVER w AS ph
           FROM read_parquet(?, file_row_number = true) WINDOW w AS (ORDER BY file_row_number))
         WHERE pm IS NOT NULL AND (manad, hushall_id) <= (pm, ph)`,
        [pq.path],
      );
      expect(unsorted.getChild('n')?.get(0)).toBe(0);
      const diff = await db.query(
        `SELECT count(*) AS n FROM (
           (SELECT * FROM read_parquet($1) EXCEPT ALL SELECT * FROM read_csv($2, header = true))
           UNION ALL (SELECT * FROM read_csv($2, header = true) EXCEPT ALL SELECT * FROM read_parquet($1)))`,
        [pq.path, csv.path],
      );
      expect(diff.getChild('n')?.get(0)).toBe(0);
    } finally {
      await db.close();
    }
  });
});
