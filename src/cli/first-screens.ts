import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Connector } from '../engine/connector.ts';
import { buildFirstScreens, snapshotPathFor, type MetricsModel } from '../metrics/index.ts';

/** Hex SHA-256 of a file, streamed (a 12 M-row file does not have to fit in memory twice). */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes the first screens' figures (src/metrics/snapshot.ts) next to a prepared data file, keyed by
 * that file's size and hash and the row count of `utbetalningar` in `db`, so the page can show them
 * before its engine starts and drop them if the data it loads is any other. Returns the file written.
 */
export async function writeFirstScreens(db: Connector, dataFile: string, model?: MetricsModel): Promise<string> {
  const rows = Number((await db.query('SELECT count(*)::DOUBLE AS n FROM utbetalningar')).getChild('n')!.get(0));
  const data = { bytes: (await stat(dataFile)).size, sha256: await fileSha256(dataFile), rows };
  const snapshot = await buildFirstScreens(db, data, model);
  const out = snapshotPathFor(dataFile);
  await writeFile(out, JSON.stringify(snapshot));
  return out;
}
