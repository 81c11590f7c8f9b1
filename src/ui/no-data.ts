/**
 * The app when its data file cannot be loaded but the engine runs: the pages that need no data
 * (Scenarier's worked examples, the notebook editor, Egna data) keep working, and anything that reads
 * the data fails with the load's own reason instead of DuckDB's "table does not exist".
 */
import type { QueryOptions, SqlValue, UserSqlConnector } from '../engine/connector.ts';
import type { MetricsModel } from '../metrics/index.ts';
import type { DataFailure, EngineHandle } from './context.ts';
import { MetricsState } from './metrics-state.svelte.ts';

/** The sentence every data-reading query fails with. */
export function noDataMessage(failure: DataFailure): string {
  return `Ingen data är inläst, så det här kan inte beräknas. ${failure.title} (${failure.where}): ${failure.message}`;
}

/** A connector on the running engine whose "no such table" errors name the real cause. */
function explainingConnector(db: UserSqlConnector, failure: DataFailure): UserSqlConnector {
  const explain = (error: unknown): never => {
    const text = error instanceof Error ? error.message : String(error);
    // DuckDB: "Catalog Error: Table with name utbetalningar does not exist!"
    if (/Catalog Error: Table with name/i.test(text)) throw new Error(noDataMessage(failure));
    throw error;
  };
  return {
    query: (sql: string, params?: readonly SqlValue[], options?: QueryOptions) => db.query(sql, params, options).catch(explain),
    queryReadOnly: (sql: string, params?: readonly SqlValue[], options?: QueryOptions) => db.queryReadOnly(sql, params, options).catch(explain),
    close: () => db.close(),
  };
}

/**
 * The model of no data: no months (first after last), no optional columns. Table names are the ones
 * prepareMetrics would give, so a query naming them fails with `noDataMessage`, not with a wrong figure.
 */
function emptyModel(): MetricsModel {
  const tables = { hm: 'hm_g3', periods: 'perioder_g3', ids: 'hushall_ids', months: 'manader', monthAgg: 'manad_agg_g3', householdYear: 'hushall_ar_g3', longTerm: 'langvarigt_g3' };
  const columns = { forsorjningsstod_kr: false, hushallstyp: false, antal_vuxna: false, antal_barn: false, forsorjningshinder: false, enhet: false, kanal: false, handlingsplan: false };
  return { source: 'utbetalningar', gap: 3, window: 12, tables, firstMonth: 0, lastMonth: -1, columns };
}

/** The handle the dashboard gets when the engine runs but the data file failed. */
export function noDataHandle(db: UserSqlConnector, failure: DataFailure): EngineHandle {
  const wrapped = explainingConnector(db, failure);
  return { db: wrapped, source: failure.where, rows: 0, metrics: new MetricsState(wrapped, emptyModel()), noData: failure };
}
