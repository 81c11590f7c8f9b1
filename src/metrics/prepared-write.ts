/**
 * Node only: writes a model prepared natively (`prepareMetrics` on native DuckDB) as the Arrow files
 * and manifest of prepared.ts, for the browser to load instead of rebuilding (`npm run prepare-data`).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportTableArrow } from '../engine/arrow-export.ts';
import type { NodeConnector } from '../engine/node-connector.ts';
import { manifestFor, preparedRoles, type PreparedManifest, type PreparedTable, type SourceFingerprint } from './prepared.ts';
import type { MetricsModel } from './types.ts';

/**
 * Tables stored sorted, so DuckDB's min/max per row group skips most of them for a month or year
 * range (the household-month queries filter `mi BETWEEN …`, the household-year ones `y BETWEEN …`).
 * Sorting changes no figure: every query groups or filters, none reads row order.
 */
const SORT_KEYS: Partial<Record<keyof MetricsModel['tables'], string>> = {
  hm: 'mi, hid',
  householdYear: 'y, hid',
  monthAgg: 'mi',
};

/** Writes `model`'s tables into `dir` (emptied first) with `manifest.json`; returns the manifest. */
export async function writePreparedTables(db: NodeConnector, model: MetricsModel, source: SourceFingerprint, dir: string): Promise<PreparedManifest> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const tables: PreparedTable[] = [];
  for (const [role, name] of preparedRoles(model.tables)) {
    const key = SORT_KEYS[role];
    if (key) await db.query(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM ${name} ORDER BY ${key}`);
    const file = `${name}.arrow`;
    const written = await exportTableArrow(db, name, join(dir, file));
    tables.push({ role, name, file, ...written });
  }
  const manifest = manifestFor(model, source, tables);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}
