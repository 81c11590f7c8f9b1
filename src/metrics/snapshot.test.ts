import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { NodeConnector } from '../engine/node-connector.ts';
import { buildFirstScreens, matchesData, matchesModel, matchesParams, metricsPageOf, sha256Hex, snapshotPathFor, toFirstScreens, type FirstScreens } from './snapshot.ts';

const SAMPLE = fileURLToPath(new URL('../../data/utbetalningar.parquet', import.meta.url));
const FINGERPRINT = { bytes: 1234, sha256: 'ab'.repeat(32), rows: 36_799 };

describe('buildFirstScreens(db, data) on the sample, against plain SQL', () => {
  let db: NodeConnector;
  let snap: FirstScreens;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', SAMPLE);
    snap = await buildFirstScreens(db, FINGERPRINT);
  }, 60_000);
  afterAll(async () => db.close());

  const plain = async (sql: string) => (await db.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  it('Översikt: active households and paid per month, every month of the data', async () => {
    const rows = await plain(`
      SELECT manad, count(DISTINCT hushall_id)::DOUBLE AS households, sum(utbetalt_kr)::DOUBLE AS paid
      FROM utbetalningar WHERE utbetalt_kr > 0 GROUP BY manad ORDER BY manad`);
    expect(snap.overview.months).toEqual(rows.map((r) => r.manad));
    expect(snap.overview.households).toEqual(rows.map((r) => r.households));
    snap.overview.paid.forEach((v, i) => expect(v).toBeCloseTo(rows[i]!.paid as number, 2));
    expect(snap.overview.months[0]).toBe('2018-01');
    expect(snap.overview.months.at(-1)).toBe('2025-12');
  });

  it('Nyckeltal: default KPIs (last 12 months, 2025) and their change against 2024', async () => {
    const [r] = await plain(`
      SELECT sum(utbetalt_kr) FILTER (WHERE manad BETWEEN '2025-01' AND '2025-12')::DOUBLE AS paid25,
             sum(utbetalt_kr) FILTER (WHERE manad BETWEEN '2024-01' AND '2024-12')::DOUBLE AS paid24,
             (count(DISTINCT (hushall_id, manad)) FILTER (WHERE manad BETWEEN '2025-01' AND '2025-12') / 12)::DOUBLE AS active25
      FROM utbetalningar WHERE utbetalt_kr > 0`);
    const kpi = (id: string) => snap.nyckeltal.page.kpis.find((k) => k.id === id)!;
    expect(kpi('utbetalt')).toMatchObject({ from: '2025-01', to: '2025-12' });
    expect(kpi('utbetalt').value).toBeCloseTo(r!.paid25 as number, 2);
    expect(kpi('utbetalt').previous).toBeCloseTo(r!.paid24 as number, 2);
    expect(kpi('aktiva_hushall').value).toBeCloseTo(r!.active25 as number, 9);
    expect(snap.params).toEqual({ gap: 3, window: 12, filters: {} });
    expect(snap.nyckeltal.options.enhet.length).toBeGreaterThan(1);
  });

  it('survives JSON: the parsed file reads back as the same page data', () => {
    const back = toFirstScreens(JSON.parse(JSON.stringify(snap)));
    expect(back).not.toBeNull();
    const page = metricsPageOf(back!);
    expect(page.households).toBeInstanceOf(Float64Array);
    expect(Array.from(page.households)).toEqual(snap.nyckeltal.page.households);
    expect(page.report.yearly.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it('keeps a month left out (NaN) left out through JSON, not 0', () => {
    const json = JSON.parse(JSON.stringify(snap)) as FirstScreens;
    json.nyckeltal.page.households[0] = null;
    expect(metricsPageOf(json).households[0]).toBeNaN();
  });

  it('matchesModel: the same model in another key order matches, another G or coverage does not', () => {
    const model = snap.nyckeltal.page.model;
    const reordered = Object.fromEntries(Object.entries(model).reverse()) as typeof model;
    expect(matchesModel(snap, reordered)).toBe(true);
    expect(matchesModel(snap, { ...model, gap: 4 })).toBe(false);
    expect(matchesModel(snap, { ...model, lastMonth: model.lastMonth + 1 })).toBe(false);
    expect(matchesModel(snap, { ...model, columns: { ...model.columns, kanal: false } })).toBe(false);
  });
});

describe('matching a snapshot to the data and the view', () => {
  const snap = { data: FINGERPRINT, params: { gap: 3, window: 12, filters: {} } } as unknown as FirstScreens;

  it.each([
    ['same file', FINGERPRINT, true],
    ['one byte more', { ...FINGERPRINT, bytes: 1235 }, false],
    ['other hash', { ...FINGERPRINT, sha256: 'cd'.repeat(32) }, false],
    ['other row count', { ...FINGERPRINT, rows: 36_800 }, false],
  ])('matchesData: %s → %s', (_, data, expected) => expect(matchesData(snap, data)).toBe(expected));

  it.each([
    ['defaults', { gap: 3, window: 12, filters: {} }, true],
    ['empty lists count as no filter', { gap: 3, window: 12, filters: { enhet: [] } }, true],
    ['G = 2', { gap: 2, window: 12, filters: {} }, false],
    ['W = 6', { gap: 3, window: 6, filters: {} }, false],
    ['a filter', { gap: 3, window: 12, filters: { barn: 'med' as const } }, false],
  ])('matchesParams: %s → %s', (_, params, expected) => expect(matchesParams(snap, params)).toBe(expected));

  it('list order does not matter, list content does', () => {
    const filtered = { ...snap, params: { gap: 3, window: 12, filters: { enhet: ['Norr', 'Syd'] } } } as FirstScreens;
    expect(matchesParams(filtered, { gap: 3, window: 12, filters: { enhet: ['Syd', 'Norr'] } })).toBe(true);
    expect(matchesParams(filtered, { gap: 3, window: 12, filters: { enhet: ['Syd'] } })).toBe(false);
  });

  it('rejects files of another format or version', () => {
    expect(toFirstScreens({ format: 'bistandslaget-forberaknat', version: 2 })).toBeNull();
    expect(toFirstScreens(null)).toBeNull();
    expect(toFirstScreens({ ...snap, format: 'x' })).toBeNull();
  });
});

describe('sha256Hex / snapshotPathFor', () => {
  it('equals node:crypto for the same bytes', async () => {
    const bytes = new TextEncoder().encode('Biståndsläget');
    expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
  it('puts the snapshot next to its data file', () => {
    expect(snapshotPathFor('data/utbetalningar.arrow')).toBe('data/utbetalningar.forberaknat.json');
    expect(snapshotPathFor('data/egna.arrow')).toBe('data/egna.forberaknat.json');
  });
});
