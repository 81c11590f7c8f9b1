import { describe, expect, it } from 'vitest';
import { generateMonths, parseYearMonth, type UtbetalningRow } from './model.ts';
import { DEFAULT_GENERATOR_PARAMS, FORSORJNINGSHINDER, HUSHALLSTYPER, KANALER, type GeneratorParams } from './params.ts';

const SMALL: GeneratorParams = { ...DEFAULT_GENERATOR_PARAMS, households: 150, months: 36, start: '2023-07', seed: 11 };

describe('generateMonths(params)', () => {
  const months = [...generateMonths(SMALL)];
  const rows: UtbetalningRow[] = months.flatMap((m) => m.rows);

  it('yields every output month in order, from the start month', () => {
    expect(months.length).toBe(36);
    expect(months[0]!.manad).toBe('2023-07');
    expect(months[6]!.manad).toBe('2024-01');
    expect(months.at(-1)!.manad).toBe('2026-06');
  });

  it('has one row per household and month, sorted by hushall_id, with pseudonyms only', () => {
    for (const m of months) {
      const ids = m.rows.map((r) => r.hushall_id);
      expect(ids).toEqual([...new Set(ids)].sort());
      expect(m.rows.every((r) => r.manad === m.manad)).toBe(true);
    }
    expect(rows.every((r) => /^H\d{6}$/.test(r.hushall_id))).toBe(true);
  });

  it('already has ongoing households in the first month (burn-in)', () => {
    expect(months[0]!.rows.length).toBeGreaterThan(0.9 * SMALL.households);
  });

  it('keeps amounts whole, non-negative and försörjningsstöd ≤ utbetalt', () => {
    for (const r of rows) {
      expect(Number.isInteger(r.utbetalt_kr) && Number.isInteger(r.forsorjningsstod_kr)).toBe(true);
      expect(r.forsorjningsstod_kr).toBeGreaterThanOrEqual(0);
      expect(r.forsorjningsstod_kr).toBeLessThanOrEqual(r.utbetalt_kr);
    }
  });

  it('uses only the contract labels', () => {
    expect(rows.every((r) => (HUSHALLSTYPER as readonly string[]).includes(r.hushallstyp))).toBe(true);
    expect(rows.every((r) => (FORSORJNINGSHINDER as readonly string[]).includes(r.forsorjningshinder))).toBe(true);
    expect(rows.every((r) => (KANALER as readonly string[]).includes(r.kanal))).toBe(true);
    expect(rows.every((r) => SMALL.enheter.includes(r.enhet))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const again = [...generateMonths(SMALL)].flatMap((m) => m.rows);
    expect(again).toEqual(rows);
    const other = [...generateMonths({ ...SMALL, seed: 12 })].flatMap((m) => m.rows);
    expect(other).not.toEqual(rows);
  });
});

describe('parseYearMonth(value)', () => {
  it.each([
    ['2018-01', [2018, 0]],
    ['2025-12', [2025, 11]],
  ])('%s → %j', (text, parsed) => {
    expect(parseYearMonth(text)).toEqual(parsed);
  });

  it.each(['2018-1', '2018-00', '2018-13', '18-01', ''])('rejects %j', (text) => {
    expect(() => parseYearMonth(text)).toThrow(RangeError);
  });
});
