/**
 * Nyckeltal's yearly table (the figures `npm run metrics` prints) as a protected report table, for
 * its Excel and CSV downloads. Years are not groups of a breakdown, so only each year's own small
 * counts and the figures computed over them are protected (docs/metrics.md, small counts).
 */
import type { YearlyRow } from '../metrics/index.ts';
import type { ReportTable } from '../format/report.ts';
import { isSmallCount, protectBreakdown, protectedCell, type BreakdownColumn, type SuppressionOptions } from '../format/suppression.ts';
import { formatNumber } from '../format/sv.ts';

/** Shown instead of a bidragstid shortened by the start of the data (the page explains why). */
export const NOT_COMPARABLE = 'ej jämförbar*';

/** The yearly report of `rows` with re-activation followed up `window` months. */
export function yearlyReportTable(rows: readonly YearlyRow[], window: number, options: SuppressionOptions = {}): ReportTable {
  const months = (v: number) => `${formatNumber(v, 1)}\u00a0mån`;
  const columns: BreakdownColumn[] = [
    { label: 'År', kind: 'text', role: 'label' },
    { label: 'Hushåll under året', kind: 'count', role: 'count' },
    { label: 'Utbetalt', kind: 'kr', role: 'amount' },
    { label: 'Biståndsmånader per hushåll', kind: 'number', decimals: 1, role: 'attribute' },
    { label: 'Långvarigt, andel av hushållen', kind: 'share', decimals: 1, role: 'share' },
    { label: 'Långvarigt, andel av vuxna', kind: 'share', decimals: 1, role: 'attribute' },
    { label: 'Avslut', kind: 'count', role: 'count' },
    { label: `Ej återaktualiserade inom ${window} mån`, kind: 'share', decimals: 1, role: 'attribute' },
    { label: 'Bidragstid per period, medel (mån)', kind: 'number', decimals: 1, role: 'attribute', format: months },
    { label: 'Bidragstid per period, median (mån)', kind: 'number', decimals: 1, role: 'attribute', format: months },
  ];
  const duration = (r: YearlyRow, v: number | null) => (r.durationBiased && v !== null ? NOT_COMPARABLE : v);
  const table = protectBreakdown(
    {
      title: 'Per kalenderår',
      columns,
      groupColumn: 1,
      // Years overlap in households and are never added up to a total.
      totalShown: false,
      rows: rows.map((r) => [
        String(r.year), r.households, r.paidKr, r.benefitMonthsPerHousehold, r.longTermShare, r.longTermAdultShare, r.exits,
        r.notReactivatedRate, duration(r, r.meanDurationMonths), duration(r, r.medianDurationMonths),
      ]),
      notes: [
        '– = kan inte beräknas med data som finns.',
        ...(rows.some((r) => r.durationBiased) ? [`${NOT_COMPARABLE} = bidragstiden påverkas av datastart (perioder före datastart räknas inte), se sidan Nyckeltal.`] : []),
      ],
    },
    options,
  );
  // A re-activation rate over few ended periods tells how many came back: protect it like a share.
  const rateColumn = 7;
  return {
    ...table,
    rows: table.rows.map((cells, i) => {
      const r = rows[i]!;
      const followed = r.reactivationRate && r.reactivated ? r.reactivated / r.reactivationRate : null;
      const small = (n: number | null) => isSmallCount(n, options);
      const disclosing = small(r.exits) || small(r.reactivated) || (followed !== null && r.reactivated !== null && small(Math.round(followed) - r.reactivated));
      return disclosing && !cells[rateColumn]!.protected ? cells.map((c, j) => (j === rateColumn ? protectedCell() : c)) : cells;
    }),
  };
}
