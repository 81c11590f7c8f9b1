/** Months as integers live in the one month module, src/format/month.ts; re-exported for the metrics layer. */
export { toMonthIndex, fromMonthIndex, yearOf } from '../format/month.ts';
