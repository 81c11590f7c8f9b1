import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { exitHazard, nonPayingShare } from './hazard.ts';
import { DEFAULT_GENERATOR_PARAMS as P, FORSORJNINGSHINDER, HUSHALLSTYPER } from './params.ts';

// The committed sample must meet the calibration targets of issue 2 (the seeds' figures), measured
// here with explicit SQL, independent of the generator's code. G = 3 and W = 12 as in docs/metrics.md.
const FILE = 'data/utbetalningar.parquet';

describe(`calibration of ${FILE}`, () => {
  let db: NodeConnector;
  const one = async (sql: string): Promise<number> => {
    const t = await db.query(sql);
    return Number(t.getChildAt(0)?.get(0));
  };
  const rows = async (sql: string): Promise<Record<string, unknown>[]> =>
    (await db.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', FILE);
    // Month index, active household-months, and periods by the G = 3 rule.
    await db.query(`CREATE TABLE act AS
      SELECT *, CAST(substr(manad, 1, 4) AS INTEGER) * 12 + CAST(substr(manad, 6, 2) AS INTEGER) - 1 AS mi
      FROM utbetalningar WHERE utbetalt_kr > 0`);
    await db.query(`CREATE TABLE bounds AS SELECT min(mi) AS first_mi, max(mi) AS last_mi FROM act`);
    await db.query(`CREATE TABLE periods AS
      WITH g AS (
        SELECT hushall_id, mi, enhet, hushallstyp,
          CASE WHEN mi - lag(mi) OVER (PARTITION BY hushall_id ORDER BY mi) < 4 THEN 0 ELSE 1 END AS starts_new
        FROM act),
      n AS (SELECT *, sum(starts_new) OVER (PARTITION BY hushall_id ORDER BY mi) AS pno FROM g)
      SELECT hushall_id, pno, min(mi) AS s, max(mi) AS e, count(DISTINCT enhet) AS enheter,
        count(DISTINCT hushallstyp) AS typer
      FROM n GROUP BY hushall_id, pno`);
  });
  afterAll(async () => db.close());

  it('covers 2018-01 … 2025-12 with ongoing households already in the first month', async () => {
    const [r] = await rows(`SELECT min(manad) AS a, max(manad) AS b, count(DISTINCT manad) AS n FROM utbetalningar`);
    expect(r).toEqual({ a: '2018-01', b: '2025-12', n: 96 });
  });

  it('has ≈ 350–420 active households a month, falling from ≈ 420 to ≈ 350', async () => {
    const monthly = await rows(`SELECT manad, count(DISTINCT hushall_id) AS n FROM act GROUP BY manad ORDER BY manad`);
    const counts = monthly.map((m) => Number(m.n));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(320);
    expect(Math.max(...counts)).toBeLessThanOrEqual(460);
    const first = await one(`SELECT count(*) / 12 FROM act WHERE manad LIKE '2018-%'`);
    const last = await one(`SELECT count(*) / 12 FROM act WHERE manad LIKE '2025-%'`);
    expect(first).toBeGreaterThanOrEqual(395);
    expect(first).toBeLessThanOrEqual(445);
    expect(last).toBeGreaterThanOrEqual(330);
    expect(last).toBeLessThanOrEqual(375);
    const slope = await one(`SELECT regr_slope(n, mi) FROM (SELECT mi, count(*) AS n FROM act GROUP BY mi)`);
    expect(slope).toBeLessThan(-0.4); // households per month
  });

  it('pays ≈ 8 000–9 000 kr per active household-month, rising with riksnormen', async () => {
    expect(await one(`SELECT sum(utbetalt_kr) / count(*) FROM act`)).toBeGreaterThanOrEqual(8000);
    expect(await one(`SELECT sum(utbetalt_kr) / count(*) FROM act`)).toBeLessThanOrEqual(9000);
    const byYear = await rows(`SELECT substr(manad, 1, 4) AS y, avg(utbetalt_kr) AS kr FROM act GROUP BY y ORDER BY y`);
    expect(Number(byYear.at(-1)!.kr)).toBeGreaterThan(Number(byYear[0]!.kr));
    // Families cost more than single adults.
    const family = await one(`SELECT avg(utbetalt_kr) FROM act WHERE hushallstyp = 'sammanboende med barn'`);
    const single = await one(`SELECT avg(utbetalt_kr) FROM act WHERE hushallstyp = 'ensamstående man utan barn'`);
    expect(family).toBeGreaterThan(single * 1.3);
  });

  it.each([
    ['arbetslös', 56],
    ['arbetshindrad – sociala skäl', 29],
    ['sjukskriven', 6],
  ])('has %s at %d % ± 4 points of active household-months', async (reason, percent) => {
    const share = await one(`SELECT avg(CASE WHEN forsorjningshinder = '${reason}' THEN 100 ELSE 0 END) FROM act`);
    expect(Math.abs(share - percent)).toBeLessThanOrEqual(4);
  });

  it('uses exactly the seven försörjningshinder and seven household types, ensamstående man utan barn largest', async () => {
    const reasons = await rows(`SELECT DISTINCT forsorjningshinder AS v FROM utbetalningar ORDER BY v`);
    expect(reasons.map((r) => r.v)).toEqual([...FORSORJNINGSHINDER].sort());
    const types = await rows(`SELECT hushallstyp AS v, count(*) AS n FROM act GROUP BY v ORDER BY n DESC`);
    expect(types.map((r) => r.v).sort()).toEqual([...HUSHALLSTYPER].sort());
    expect(types[0]!.v).toBe('ensamstående man utan barn');
  });

  it('has antal_vuxna and antal_barn consistent with hushallstyp', async () => {
    const bad = await one(`SELECT count(*) FROM utbetalningar WHERE NOT (
      CASE
        WHEN hushallstyp LIKE 'ensamstående%' AND antal_vuxna <> 1 THEN false
        WHEN hushallstyp LIKE 'sammanboende%' AND antal_vuxna <> 2 THEN false
        WHEN hushallstyp = 'övriga hushåll' THEN antal_vuxna >= 2 AND antal_barn >= 0
        WHEN hushallstyp LIKE '%utan barn' THEN antal_barn = 0
        ELSE antal_barn >= 1 END)`);
    expect(bad).toBe(0);
  });

  it('leaves ≈ 70 % (65–75 %) of ended periods not re-activated within 12 months', async () => {
    const notBack = await one(`
      WITH p AS (SELECT *, lead(s) OVER (PARTITION BY hushall_id ORDER BY s) AS next_s FROM periods)
      SELECT avg(CASE WHEN next_s <= e + 12 THEN 0 ELSE 1 END)
      FROM p, bounds WHERE e + 12 <= last_mi`);
    expect(notBack).toBeGreaterThanOrEqual(0.65);
    expect(notBack).toBeLessThanOrEqual(0.75);
  });

  it('has a plausible mean bidragstid of ended periods (6–12 months) with a long tail', async () => {
    const ended = `FROM periods, bounds WHERE e + 3 <= last_mi AND s - 3 >= first_mi`;
    const mean = await one(`SELECT avg(e - s + 1) ${ended}`);
    expect(mean).toBeGreaterThanOrEqual(6);
    expect(mean).toBeLessThanOrEqual(12);
    expect(await one(`SELECT max(e - s + 1) ${ended}`)).toBeGreaterThanOrEqual(60);
    // Mycket långvarigt: active households in 2025-12 whose current period is ≥ 36 months long.
    const veryLong = await one(`SELECT avg(CASE WHEN e - s + 1 >= 36 THEN 1 ELSE 0 END) FROM periods, bounds WHERE e = last_mi`);
    expect(veryLong).toBeGreaterThan(0.08);
    expect(veryLong).toBeLessThan(0.35);
  });

  it('recovers the true exit hazard of months 1–3 and 4–12 from periods that start inside the data', async () => {
    // Hazard at duration d: periods ending at d ÷ periods reaching d, among periods whose end would be seen.
    const bands = await rows(`
      WITH p AS (SELECT s, e - s + 1 AS dur FROM periods, bounds WHERE s - 3 >= first_mi),
      d AS (SELECT range AS d FROM range(1, 13)),
      risk AS (SELECT d, count(*) AS at_risk, count(*) FILTER (WHERE dur = d) AS ended
               FROM p, d, bounds WHERE dur >= d AND s + d - 1 + 3 <= last_mi GROUP BY d)
      SELECT CASE WHEN d <= 3 THEN 'early' ELSE 'later' END AS band, sum(ended) / sum(at_risk) AS h
      FROM risk GROUP BY band ORDER BY band`);
    const pay = 1 - nonPayingShare(P);
    expect(Number(bands[0]!.h)).toBeCloseTo(exitHazard(1, P) * pay, 1);
    expect(Number(bands[1]!.h)).toBeCloseTo(exitHazard(4, P) * pay, 1);
    expect(Number(bands[0]!.h)).toBeGreaterThan(Number(bands[1]!.h) + 0.03);
  });

  it('has the e-tjänst share rising from ≈ 30 % to ≈ 80 %', async () => {
    const shares = (
      await rows(`SELECT substr(manad, 1, 4) AS y, avg(CASE WHEN kanal = 'e-tjänst' THEN 1 ELSE 0 END) AS e
                  FROM act GROUP BY y ORDER BY y`)
    ).map((r) => Number(r.e));
    expect(shares[0]).toBeGreaterThanOrEqual(0.25);
    expect(shares[0]).toBeLessThanOrEqual(0.42);
    expect(shares.at(-1)).toBeGreaterThanOrEqual(0.7);
    expect(shares.at(-1)).toBeLessThanOrEqual(0.88);
    expect(shares.every((v, i) => i === 0 || v > shares[i - 1]! - 0.02)).toBe(true);
    const kanaler = await rows(`SELECT DISTINCT kanal AS v FROM utbetalningar ORDER BY v`);
    expect(kanaler.map((r) => r.v)).toEqual(['e-tjänst', 'muntlig', 'papper']);
  });

  it('has a handlingsplan in ≈ 70 % (65–75 %) of active household-months', async () => {
    const share = await one(`SELECT avg(CASE WHEN handlingsplan THEN 1 ELSE 0 END) FROM act`);
    expect(share).toBeGreaterThanOrEqual(0.65);
    expect(share).toBeLessThanOrEqual(0.75);
  });

  it('spreads households over 4 enheter, and a small share changes enhet or household type within a period', async () => {
    const enheter = await rows(`SELECT enhet, count(*) / (SELECT count(*) FROM act) AS share FROM act GROUP BY enhet`);
    expect(enheter.length).toBe(4);
    expect(enheter.every((r) => Number(r.share) >= 0.1)).toBe(true);
    const moved = await one(`SELECT avg(CASE WHEN enheter > 1 THEN 1 ELSE 0 END) FROM periods`);
    const changed = await one(`SELECT avg(CASE WHEN typer > 1 THEN 1 ELSE 0 END) FROM periods`);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(0.1);
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(0.1);
  });

  it('has zero-amount rows, 1–2 month gaps inside periods, and livsföring i övrigt on top of försörjningsstöd', async () => {
    expect(await one(`SELECT count(*) FROM utbetalningar WHERE utbetalt_kr = 0 AND forsorjningsstod_kr = 0`)).toBeGreaterThan(20);
    const gaps = await rows(`
      SELECT mi - prev - 1 AS empty, count(*) AS n FROM (
        SELECT mi, lag(mi) OVER (PARTITION BY hushall_id ORDER BY mi) AS prev FROM act)
      WHERE mi - prev BETWEEN 2 AND 3 GROUP BY empty ORDER BY empty`);
    expect(gaps.map((g) => Number(g.empty))).toEqual([1, 2]);
    expect(gaps.every((g) => Number(g.n) > 20)).toBe(true);
    expect(await one(`SELECT count(*) FROM utbetalningar WHERE forsorjningsstod_kr > utbetalt_kr`)).toBe(0);
    expect(await one(`SELECT count(*) FROM act WHERE utbetalt_kr > forsorjningsstod_kr`)).toBeGreaterThan(100);
    expect(await one(`SELECT count(*) FROM utbetalningar WHERE utbetalt_kr <> round(utbetalt_kr)`)).toBe(0);
  });

  it('has one row per household and month, with pseudonyms only', async () => {
    expect(await one(`SELECT count(*) - count(DISTINCT (hushall_id, manad)) FROM utbetalningar`)).toBe(0);
    expect(await one(`SELECT count(*) FROM utbetalningar WHERE NOT regexp_full_match(hushall_id, 'H[0-9]{6}')`)).toBe(0);
  });
});
