import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Connector } from '../engine/connector.ts';
import { buildFirstScreens, snapshotPathFor, type DataFingerprint, type MetricsModel } from '../metrics/index.ts';

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
export async function writeFirstScreens(db: Connector, dataFile: string, data?: DataFingerprint, model?: MetricsModel): Promise<string> {
  const snapshot = await buildFirstScreens(db, data ?? (await fingerprintOf(db, dataFile)), model);
  const out = snapshotPathFor(dataFile);
  await writeFile(out, JSON.stringify(snapshot));
  return out;
}
