import { checkpoint } from '../engine/checkpoint.ts';
import { fetchArrow, insertArrowTable } from '../engine/arrow-table.ts';
import type { LazyTables } from '../engine/lazy-tables.ts';
import { loadSampleData, type ArrowLoader } from '../engine/load-data.ts';
import {
  adoptPreparedModel, checkLoadedTable, preparedDirFor, PreparedMismatchError, toPreparedManifest,
  type PreparedManifest,
} from './prepared.ts';
import type { MetricsModel } from './types.ts';

/** What loading prepared tables gave: the adopted model and the raw data's row count. */
export interface PreparedLoad {
  model: MetricsModel;
  rows: number;
  manifest: PreparedManifest;
}

/**
 * Loads the prepared tables beside `dataUrl` (`data/x.prepared/`) into `db` and adopts their model;
 * null when there are none (a data file named by `?data=` without prepared tables), so the caller
 * prepares from raw rows as before. With `lazy`, `hm` and the raw rows are loaded only when a
 * statement first names them (a G change, a notebook, the SQL console); without, both load now.
 * Throws PreparedMismatchError (Swedish) when the tables are for other data or G/W.
 */
export async function loadPreparedData(db: ArrowLoader, dataUrl: string, lazy?: LazyTables, fetcher: typeof fetch = fetch): Promise<PreparedLoad | null> {
  const dir = preparedDirFor(dataUrl);
  const response = await fetcher(`${dir}manifest.json`).catch(() => null);
  if (!response?.ok) return null;
  const manifest = toPreparedManifest(await response.json().catch(() => null));
  const hm = manifest.tables.find((t) => t.role === 'hm')!;
  const now = manifest.tables.filter((t) => !(lazy && t === hm));
  // Fetch in parallel, insert in order (the engine takes one statement at a time anyway).
  const bytes = now.map((t) => fetchArrow(fetcher, `${dir}${t.file}`));
  for (const [i, t] of now.entries()) await insertArrowTable(db, t.name, await bytes[i]!, t.rows);
  if (lazy) {
    lazy.register(hm.name, async (raw) => {
      await insertArrowTable(raw as ArrowLoader, hm.name, await fetchArrow(fetcher, `${dir}${hm.file}`), hm.rows);
      await checkLoadedTable(raw, hm);
      await checkpoint(raw);
    });
    lazy.register('utbetalningar', async (raw) => {
      await loadSampleData(raw as ArrowLoader, dataUrl, checkedFetch(fetcher, manifest));
      await checkpoint(raw);
    });
  } else {
    await loadSampleData(db, dataUrl, checkedFetch(fetcher, manifest));
  }
  const model = await adoptPreparedModel(db, manifest, { deferred: lazy ? [hm.name] : [] });
  // In-memory tables are stored uncompressed until a checkpoint (docs/bench.md: at 1,14 M rows 404 MB → 27 MB).
  await checkpoint(db);
  return { model, rows: manifest.source.rows, manifest };
}

/** A fetch whose body must be exactly the data the manifest was built from (size and SHA-256). */
function checkedFetch(fetcher: typeof fetch, manifest: PreparedManifest): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetcher(input, init);
    if (!response.ok) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    if (body.byteLength !== manifest.source.bytes || sha256 !== manifest.source.sha256) {
      throw new PreparedMismatchError(
        'Datafilen har ändrats sedan tabellerna förbereddes, så siffrorna skulle inte höra ihop. Kör "npm run prepare-data" igen.',
      );
    }
    return new Response(body, { status: response.status });
  }) as typeof fetch;
}
