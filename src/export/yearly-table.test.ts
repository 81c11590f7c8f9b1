/**
 * Nyckeltal's whole-kommun yearly table (what the page shows and its downloads hold) under the small-count
 * rules, on the real metric code in native DuckDB over the fixture with enheter of 1, 4, 5 and 40 households
 * (tests/fixtures/suppression/small-groups.ts). The expected figures are worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { prepareMetrics } from '../metrics/prepare.ts';
import { reportFromModel, type YearlyRow } from '../metrics/report.ts';
import { SMALL_GROUPS_CSV } from '../../tests/fixtures/suppression/small-groups.ts';
import { yearlyReportTable } from './yearly-table.ts';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/*
 * Worked by hand from the fixture's generator (G = 3, W = 12):
 * - Households under the year: Ettan 1 + Fyran 4 + Femman 5 + Stora 40 = 50 in 2024 (every Stora household
 *   s starts in month s mod 12 of 2024). In 2025 also 50: a Stora household whose first period ends in 2024
 *   (start + length ≤ 12) comes back 4 months later (again = start + length + 4 ≤ 16), inside 2025.
 * - Avslut 2024: periods ending in 2024 are Stora first periods with (s mod 12) + (5s mod 19) ≤ 6, i.e.
 *   s = 0 (0+0), 1 (1+5), 4 (4+1), 12 (0+3), 24 (0+6), 27 (3+2), 38 (2+0): 7 ends. The gap to the next
 *   period is 4 empty months (≥ G), so each really ends; the small enheter never end.
 * - Each of the 7 comes back 5 months after its last payment, within W = 12, and the follow-up (to at most
 *   2025-11) is covered by the data: 7 of 7 re-activated, "ej återaktualiserade" 0 %.
 */
describe('yearlyReportTable(rows, window, { threshold }) on the small-groups fixture', () => {
  let db: NodeConnector;
  let yearly: YearlyRow[];
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', SMALL_GROUPS_CSV);
    yearly = (await reportFromModel(db, await prepareMetrics(db))).yearly;
  });
  afterAll(async () => db.close());

  const row2024 = (threshold?: number) => {
    const t = yearlyReportTable(yearly, 12, threshold === undefined ? {} : { threshold });
    const r = t.rows[0]!;
    return { t, year: r[0]!.text, households: r[1]!.text, exits: r[6]!.text, notReactivated: plain(r[7]!.text), protectedCells: t.rows.flat().filter((c) => c.protected).length };
  };

  it('T = 5 (default): 50 households each year, 7 avslut and 0 % ej återaktualiserade in 2024, nothing protected', () => {
    const r = row2024();
    expect([r.year, r.households, r.exits, r.notReactivated]).toEqual(['2024', '50', '7', '0,0 %']);
    expect(r.t.rows[1]!.slice(0, 2).map((c) => c.text)).toEqual(['2025', '50']);
    expect(r.protectedCells).toBe(0);
    expect(r.t.notes?.some((n) => n.startsWith('skyddat'))).toBe(false);
  });

  it('T = 10: the 7 avslut read "<10" and the re-activation share of those 7 is protected; 50 households stay numbers', () => {
    const r = row2024(10);
    expect([r.year, r.households, r.exits, r.notReactivated]).toEqual(['2024', '50', '<10', 'skyddat']);
    expect(r.t.rows[0]![6]!.value).toBeNull();
    expect(r.t.rows[0]![7]!.value).toBeNull();
    expect(r.t.notes).toContain('skyddat: färre än 10 hushåll');
  });
});
