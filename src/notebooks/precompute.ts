import type { Table } from 'apache-arrow';
import type { UserSqlConnector } from '../engine/connector.ts';
import { recordingConnector, type RecordedStatements } from '../engine/recorded.ts';
import { fitPeriod } from '../metrics/period-range.ts';
import { fromMonthIndex } from '../metrics/month.ts';
import { publishModel } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { loadBudget, parseBudgetCsv } from './budget.ts';
import { detectManadKind } from './database.ts';
import { isPeriod } from './filters.ts';
import { indexNotebook } from './graph.ts';
import { metricCellSql } from './metric-cell.ts';
import { parseNotebook } from './parse.ts';
import { createRuntime } from './runtime.ts';
import { decodeState } from './url-state.ts';

/**
 * A notebook's default view recorded natively (docs/architecture.md, "Förberäknat"): every statement
 * the page runs to open it, with no input in the URL and the bundled budget, and its result. The
 * page answers exactly those statements while its engine starts; `textSha256` drops the record when
 * the notebook's text is not the one it was recorded from.
 */
export interface PrecomputedNotebook {
  textSha256: string;
  statements: RecordedStatements;
}

/**
 * Runs `text` over `db` (the data loaded, `model` prepared; published here) as the notebook page opens
 * it: the same `manad` look-up, the default inputs with every period fitted into the data's months,
 * SQL and metric cells through the same host calls, no month cube (so the page's replay asks for the
 * same statements), and records what it ran. The budget is loaded as table `budget` first.
 */
export async function precomputeNotebook(db: UserSqlConnector, model: MetricsModel, text: string, budgetCsv: string): Promise<PrecomputedNotebook> {
  await loadBudget(db, parseBudgetCsv(budgetCsv));
  // The page's views (`filtervarden` for the filter choices, `hm`, `perioder`) over this model.
  await publishModel(db, model);
  const rec = recordingConnector(db);
  const manadKind = await detectManadKind(rec.db, model.tables.months);
  const notebook = parseNotebook(text);
  const runtime = createRuntime(
    notebook,
    {
      manadKind,
      runSql: (q, signal) => rec.db.queryReadOnly(q.text, q.params, { signal }) as Promise<Table>,
      metricSql: (spec, filters) => metricCellSql(model, spec, filters),
    },
    defaultInputs(notebook, fromMonthIndex(model.firstMonth), fromMonthIndex(model.lastMonth)),
  );
  await runtime.run();
  const failed = Object.entries(runtime.snapshot().cells).filter(([, c]) => c.status === 'error' || c.status === 'blocked');
  runtime.dispose();
  if (failed.length) throw new Error(`Anteckningsboken kunde inte förberäknas: ${failed.map(([n, c]) => `${n}: ${c.error ?? c.status}`).join('; ')}`);
  return { textSha256: await sha256Text(text), statements: rec.recorded };
}

/** The page's inputs with no URL state: defaults, every period fitted into the data (as session.svelte.ts reads them). */
function defaultInputs(notebook: ReturnType<typeof parseNotebook>, first: string, last: string) {
  const { inputs } = decodeState('', notebook);
  for (const [name, cell] of indexNotebook(notebook).inputs) {
    if (cell.spec.type !== 'period') continue;
    const fallback = { from: cell.spec.from, to: cell.spec.to };
    const value = inputs[name] ?? fallback;
    if (!isPeriod(value)) continue;
    const fitted = fitPeriod(value.from, value.to, first, last, fallback);
    if (fitted.problem !== undefined) inputs[name] = { from: fitted.from, to: fitted.to };
  }
  return inputs;
}

/** Hex SHA-256 of a text's UTF-8 bytes, the same in the browser and in Node. */
export async function sha256Text(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
