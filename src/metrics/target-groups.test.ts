import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { prepareMetrics } from './prepare.ts';
import type { MetricsModel } from './types.ts';
import { groupAt, loadTargetGroups, shareValue } from './target-groups.ts';

/**
 * 2025: six arbetslösa households paid every month (72 household-months), five sjukskrivna paid
 * January–June (30), two "Övrigt" paid every month (24, but only two households: not offered).
 * Outside the window: a sjukskriven household in 2024-12. A zero payment is not a payment.
 * All paid household-months in 2025: 72 + 30 + 24 = 126.
 */
const FIXTURE = `CREATE TABLE utbetalningar AS
  SELECT 'a' || h AS hushall_id, '2025-' || lpad(CAST(m AS VARCHAR), 2, '0') AS manad, 9000.0 AS utbetalt_kr, 'Arbetslös' AS forsorjningshinder
    FROM range(1, 7) t(h), range(1, 13) u(m)
  UNION ALL SELECT 's' || h, '2025-' || lpad(CAST(m AS VARCHAR), 2, '0'), 8000.0, 'Sjukskriven' FROM range(1, 6) t(h), range(1, 7) u(m)
  UNION ALL SELECT 'o' || h, '2025-' || lpad(CAST(m AS VARCHAR), 2, '0'), 7000.0, 'Övrigt' FROM range(1, 3) t(h), range(1, 13) u(m)
  UNION ALL SELECT 'x', '2024-12', 5000.0, 'Sjukskriven'
  UNION ALL SELECT 's1', '2025-09', 0.0, 'Sjukskriven'`;

describe('loadTargetGroups(db, model) on a hand-made table', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(FIXTURE);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  it('gives each försörjningshinder’s share of the active households over the last 12 months, small groups left out', async () => {
    const groups = await loadTargetGroups(db, model);
    expect(groups.map((g) => g.name)).toEqual(['Arbetslös', 'Sjukskriven']);
    expect(groups[0]!.share).toBeCloseTo(72 / 126, 12);
    expect(groups[1]!.share).toBeCloseTo(30 / 126, 12);
  });

  it('finds the group a slider value stands for', async () => {
    const groups = await loadTargetGroups(db, model);
    expect(shareValue(groups[1]!)).toBe(0.238);
    expect(groupAt(0.238, groups)?.name).toBe('Sjukskriven');
    expect(groupAt(0.25, groups)).toBeUndefined();
  });

  it('offers nothing when the data has no försörjningshinder', async () => {
    const bare = await NodeConnector.open();
    await bare.query(`CREATE TABLE utbetalningar AS SELECT 'a' AS hushall_id, '2025-01' AS manad, 100.0 AS utbetalt_kr`);
    expect(await loadTargetGroups(bare, await prepareMetrics(bare))).toEqual([]);
    await bare.close();
  });
});
