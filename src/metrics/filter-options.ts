import type { Connector } from '../engine/connector.ts';
import { toIdentifier } from '../engine/connector.ts';
import { fromMonthIndex } from './month.ts';
import type { MetricsModel } from './types.ts';

/** The choices the filter bar offers, read from the loaded data. */
export interface FilterOptions {
  months: string[];
  enhet: string[];
  hushallstyp: string[];
  forsorjningshinder: string[];
}

/** Distinct values of the attribute columns present in the data, and every month the data covers. */
export async function loadFilterOptions(db: Connector, model: MetricsModel): Promise<FilterOptions> {
  const months: string[] = [];
  for (let m = model.firstMonth; m <= model.lastMonth; m++) months.push(fromMonthIndex(m));
  const values = async (column: 'enhet' | 'hushallstyp' | 'forsorjningshinder'): Promise<string[]> => {
    if (!model.columns[column]) return [];
    const t = await db.query(
      // The month aggregate holds every attribute combination of hm in a few thousand rows, so the
      // filter bar does not make the page load hm (docs/data.md, "Förberedda tabeller").
      `SELECT DISTINCT ${toIdentifier(column)} AS v FROM ${toIdentifier(model.tables.monthAgg)} WHERE ${toIdentifier(column)} IS NOT NULL ORDER BY v`,
    );
    return (t.getChild('v')?.toArray() ?? []) as string[];
  };
  const [enhet, hushallstyp, forsorjningshinder] = await Promise.all([values('enhet'), values('hushallstyp'), values('forsorjningshinder')]);
  return { months, enhet, hushallstyp, forsorjningshinder };
}
