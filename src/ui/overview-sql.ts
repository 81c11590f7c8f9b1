import { sql, type BoundSql } from '../engine/sql.ts';

/**
 * Aktiva hushåll (distinct households with a payment > 0) and utbetalt per month (DOMAIN.md).
 * Months are the contract's `YYYY-MM` text.
 */
export function monthlyOverviewSql(): BoundSql {
  return sql`
    SELECT manad,
           count(DISTINCT hushall_id) FILTER (WHERE utbetalt_kr > 0)::INTEGER AS aktiva_hushall,
           sum(utbetalt_kr)::DOUBLE AS utbetalt_kr
    FROM utbetalningar
    GROUP BY manad
    ORDER BY manad`;
}
