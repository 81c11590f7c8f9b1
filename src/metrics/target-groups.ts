/**
 * Target groups for the bidragstid effect: each försörjningshinder's share of the active households
 * over the last 12 months of data (household-months in the group ÷ all household-months, i.e. the mean
 * monthly share, the same window the calibrated baseline uses). Groups under the small-count limit are
 * left out, since their share would reveal a count.
 */
import type { Connector } from '../engine/connector.ts';
import { raw, sql, type BoundSql } from '../engine/sql.ts';
import { rowsOf } from './run.ts';
import type { MetricsModel } from './types.ts';

/** One försörjningshinder and its share (0–1) of the active households. */
export interface TargetGroup {
  readonly name: string;
  readonly share: number;
}

/** Fewer distinct households than this in a group: not offered (docs/metrics.md, small counts). */
export const MIN_HOUSEHOLDS = 5;

/** The query: one row per försörjningshinder over the model's last 12 months, largest share first. */
export function targetGroupSql(model: MetricsModel, months = 12): BoundSql {
  const from = model.lastMonth - months + 1;
  return sql`
    WITH w AS (SELECT hid, forsorjningshinder FROM ${raw(model.tables.hm)} WHERE mi BETWEEN ${from} AND ${model.lastMonth})
    SELECT forsorjningshinder AS name, CAST(count(*) AS DOUBLE) / (SELECT count(*) FROM w) AS share
    FROM w WHERE forsorjningshinder IS NOT NULL
    GROUP BY forsorjningshinder HAVING count(DISTINCT hid) >= ${MIN_HOUSEHOLDS}
    ORDER BY share DESC, name`;
}

/** Runs the query; an empty list when the data has no försörjningshinder column. */
export async function loadTargetGroups(db: Connector, model: MetricsModel): Promise<TargetGroup[]> {
  if (!model.columns.forsorjningshinder) return [];
  const query = targetGroupSql(model);
  return rowsOf<TargetGroup>(await db.query(query.text, query.params)).map((r) => ({ name: String(r.name), share: Number(r.share) }));
}

/** The slider value for a group: its share on the slider's 0,05 steps' precision (three decimals). */
export function shareValue(group: TargetGroup): number {
  return Number(group.share.toFixed(3));
}

/** The group whose share the slider stands at, if any (so a link shows the group's name again). */
export function groupAt(value: number, groups: readonly TargetGroup[]): TargetGroup | undefined {
  return groups.find((g) => shareValue(g) === value);
}
