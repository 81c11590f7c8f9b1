/**
 * Small pre-aggregated tables, materialised by prepareMetrics from `hm`, so that the household-month
 * metrics read a few thousand rows instead of a million. Each keeps every attribute a filter or a
 * grouping can read, so any filter combination gives the same figures as the query over `hm`
 * (household-queries.test.ts checks this against the direct queries in household-direct.ts).
 *
 * `antal_barn` is stored as its sign (1 = med barn, 0 = utan, NULL = saknas): the barn filter and
 * grouping only ask `> 0` / `= 0`, so `attributeWhere` and `groupBucket` work unchanged on them.
 */
import type { Connector } from '../engine/connector.ts';
import type { MetricsTables } from './types.ts';

/** Payment months in a calendar year that make a household långvarig (Socialstyrelsen: 10–12). */
export const LONG_TERM_MONTHS = 10;
/** Current period length, in months, that makes an active household mycket långvarig. */
export const VERY_LONG_TERM_MONTHS = 36;

/**
 * Builds the three tables from the model's `hm`; called by prepareMetrics after `hm` exists.
 * - `monthAgg` (`agg_manad_g3`): per month and attribute combination, household-months `n`, sums of
 *   paid, försörjningsstöd, children and adults (`vuxna`), e-tjänst and handlingsplan counts (with the
 *   number of non-NULL values, to tell "none" from "unknown"), and `vl`, the household-months whose
 *   period is ≥ 36 months long at that month.
 * - `householdYear` (`agg_hushall_ar_g3`): per (household, year, attributes, antal_vuxna), `months` and `last_mi`,
 *   and the flag `only_of_year` (the household's attributes did not change that year: its one row).
 * - `longTerm` (`agg_langvarigt_g3`): per year, attributes of the household's last payment month of the
 *   year and `long` (≥ 10 months): household count `n` and `vuxna`, the sum of antal_vuxna in that month.
 */
export async function createAggregates(db: Connector, t: MetricsTables): Promise<void> {
  await db.query(`CREATE OR REPLACE TABLE ${t.monthAgg} AS
    SELECT mi, enhet, hushallstyp, forsorjningshinder, klass AS antal_barn,
      CAST(count(*) AS BIGINT) AS n, sum(utbetalt) AS paid, sum(fs) AS fs, CAST(sum(barn) AS BIGINT) AS barn,
      CAST(count(*) FILTER (WHERE kanal = 'e-tjänst') AS BIGINT) AS e, CAST(count(kanal) AS BIGINT) AS e_n,
      CAST(count(*) FILTER (WHERE handlingsplan) AS BIGINT) AS hp, CAST(count(handlingsplan) AS BIGINT) AS hp_n,
      CAST(count(*) FILTER (WHERE mi - ps + 1 >= ${VERY_LONG_TERM_MONTHS}) AS BIGINT) AS vl,
      CAST(sum(antal_vuxna) AS BIGINT) AS vuxna
    FROM (SELECT *, CAST(sign(antal_barn) AS INTEGER) AS klass, antal_barn AS barn FROM ${t.hm})
    GROUP BY mi, enhet, hushallstyp, forsorjningshinder, klass`);
  // One pass over hm per (household, year, attributes); långvarigt then reads this table (a fifth of
  // hm's rows): months per household-year = sum of `months`, last month's attributes = those of max(last).
  // `only_of_year` marks a household's only row in its year, which a filtered yearly household count
  // takes without a DISTINCT (household-queries.ts): at 12 M rows 1,76 M of the 1,9 M rows. Computed
  // here, natively when data is prepared, so the browser does not group them by household (docs/bench.md).
  await db.query(`CREATE OR REPLACE TABLE ${t.householdYear} AS
    SELECT *, count(*) OVER (PARTITION BY hid, y) = 1 AS only_of_year
    FROM (SELECT hid, CAST(mi // 12 AS INTEGER) AS y, enhet, hushallstyp, forsorjningshinder,
        CAST(sign(antal_barn) AS INTEGER) AS antal_barn, antal_vuxna, count(*) AS months, max(mi) AS last_mi
      FROM ${t.hm} GROUP BY ALL)`);
  // The household is attributed to its last payment month of the year (one struct keeps NULLs as they are).
  await db.query(`CREATE OR REPLACE TABLE ${t.longTerm} AS
    SELECT y, struct_extract(a, 'hushallstyp') AS y_hushallstyp, struct_extract(a, 'enhet') AS y_enhet,
      struct_extract(a, 'forsorjningshinder') AS y_forsorjningshinder,
      struct_extract(a, 'antal_barn') AS y_antal_barn,
      months >= ${LONG_TERM_MONTHS} AS long, CAST(count(*) AS BIGINT) AS n,
      CAST(sum(struct_extract(a, 'antal_vuxna')) AS BIGINT) AS vuxna
    FROM (SELECT hid, y, sum(months) AS months,
        arg_max({'hushallstyp': hushallstyp, 'enhet': enhet, 'forsorjningshinder': forsorjningshinder, 'antal_barn': antal_barn,
          'antal_vuxna': antal_vuxna}, last_mi) AS a
      FROM ${t.householdYear} GROUP BY hid, y)
    GROUP BY y, y_hushallstyp, y_enhet, y_forsorjningshinder, y_antal_barn, long`);
}
