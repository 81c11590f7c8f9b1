/**
 * Statements the engine tests share. A cross join of 10^6 × 10^6 rows that would run for hours: only
 * an interrupt ends it, so it is still running whenever a test needs user SQL in flight.
 */
export const RUNAWAY_SQL = 'SELECT count(*) AS n FROM range(1000000) a(x), range(1000000) b(y) WHERE (a.x * b.y) % 7 = 3';
