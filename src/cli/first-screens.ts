import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Connector, UserSqlConnector } from '../engine/connector.ts';
import { buildFirstScreens, snapshotPathFor, type DataFingerprint, type MetricsModel } from '../metrics/index.ts';
import { precomputeNotebook } from '../notebooks/precompute.ts';

/** The built-in notebooks whose default view is pre-computed, with the budget the page loads for them. */
const NOTEBOOKS = { manadsrapport: 'src/notebooks/builtin/manadsrapport.md' };
const BUDGET = 'data/budget.csv';

/** The fingerprint of a written data file and the row count of `utbetalningar`, when the caller has none at hand. */
async function fingerprintOf(db: Connector, dataFile: string): Promise<DataFingerprint> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(dataFile)) hash.update(chunk as Buffer);
  const rows = Number((await db.query('SELECT count(*)::DOUBLE AS n FROM utbetalningar')).getChild('n')!.get(0));
  return { bytes: (await stat(dataFile)).size, sha256: hash.digest('hex'), rows };
}

/**
 * Writes the first screens' figures (src/metrics/snapshot.ts) next to a prepared data file, keyed by
 * that file's fingerprint (size, SHA-256, rows) and the model's G and W, so the page can show them
 * before its engine starts and drop them if the data it loads is any other. Returns the file written.
 */
export async function writeFirstScreens(db: UserSqlConnector, dataFile: string, data?: DataFingerprint, model?: MetricsModel): Promise<string> {
  const snapshot = await buildFirstScreens(db, data ?? (await fingerprintOf(db, dataFile)), model);
  snapshot.notebooks = {};
  for (const [id, path] of Object.entries(NOTEBOOKS)) {
    snapshot.notebooks[id] = await precomputeNotebook(db, snapshot.nyckeltal.page.model, await readFile(path, 'utf8'), await readFile(BUDGET, 'utf8'));
  }
  const out = snapshotPathFor(dataFile);
  await writeFile(out, JSON.stringify(snapshot));
  return out;
}
