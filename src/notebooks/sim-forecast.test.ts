import { describe, expect, it } from 'vitest';
import { effectStartMonth, forecastMethod, forecastMonth, nextMonth, rebaseScenario, remainingMonths, scenarioFileName, yearForecast } from './sim-forecast.ts';

describe('remainingMonths / nextMonth', () => {
  it.each([
    ['2025-08', ['2025-09', '2025-10', '2025-11', '2025-12']],
    ['2025-04', ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']],
    ['2025-11', ['2025-12']],
    ['2025-12', []],
  ])('%s → %j', (asOf, months) => {
    expect(remainingMonths(asOf)).toEqual(months);
  });

  it.each([
    ['2025-08', '2025-09'],
    ['2025-12', '2026-01'],
    ['2024-09', '2024-10'],
  ])('after %s comes %s', (month, next) => {
    expect(nextMonth(month)).toBe(next);
  });

  it('refuses a month that is not ÅÅÅÅ-MM, in Swedish', () => {
    expect(() => remainingMonths('2025-13')).toThrow('Ogiltig bokslutsmånad: 2025-13 (ange ÅÅÅÅ-MM)');
    expect(() => nextMonth('aug')).toThrow('Ogiltig bokslutsmånad: aug');
  });
});

describe('yearForecast', () => {
  // The simulation starts 2025-09 and runs past the year end; only September–December count.
  const simulated = [
    { month: '2025-09', baselinePaymentsKr: 1_000_000, paymentsKr: 1_000_000 },
    { month: '2025-10', baselinePaymentsKr: 1_010_000, paymentsKr: 990_000 },
    { month: '2025-11', baselinePaymentsKr: 1_020_000, paymentsKr: 980_000 },
    { month: '2025-12', baselinePaymentsKr: 1_030_000, paymentsKr: 970_000 },
    { month: '2026-01', baselinePaymentsKr: 9_999_999, paymentsKr: 9_999_999 },
  ];

  it('adds the simulated rest of the year to the actual January–August (hand-computed)', () => {
    // 8 000 000 + (1 000 000 + 1 010 000 + 1 020 000 + 1 030 000) = 12 060 000 without measures;
    // 8 000 000 + (1 000 000 + 990 000 + 980 000 + 970 000) = 11 940 000 with them.
    expect(yearForecast(8_000_000, simulated, '2025-08')).toEqual({
      year: 2025,
      asOf: '2025-08',
      actualKr: 8_000_000,
      months: ['2025-09', '2025-10', '2025-11', '2025-12'],
      baselineRemainingKr: 4_060_000,
      scenarioRemainingKr: 3_940_000,
      withoutMeasuresKr: 12_060_000,
      withMeasuresKr: 11_940_000,
    });
  });

  it('takes only the months after asOf: per 30 November only December is added', () => {
    const f = yearForecast(11_000_000, simulated, '2025-11');
    expect(f.months).toEqual(['2025-12']);
    expect([f.withoutMeasuresKr, f.withMeasuresKr]).toEqual([12_030_000, 11_970_000]);
  });

  it('per 31 December the forecast is the actual', () => {
    expect(yearForecast(12_345_000, [], '2025-12')).toMatchObject({ months: [], withoutMeasuresKr: 12_345_000, withMeasuresKr: 12_345_000 });
  });

  it('a remaining month the simulation lacks is an error, not a zero', () => {
    expect(() => yearForecast(8_000_000, simulated.slice(1), '2025-08')).toThrow('Simuleringen saknar september 2025, som behövs för helårsprognosen.');
  });
});

describe('rebaseScenario', () => {
  const file = {
    name: 'Bas',
    start: '2026-01',
    months: 60,
    baseline: { households: 151, paymentPerHouseholdKr: 8350, meanDurationMonths: 6.5 },
    effects: { durationReductionMonths: 0.5, startMonth: 9 },
    uncertainty: { runs: 2000, ranges: {} },
  };

  it('starts the month after asOf, takes the baseline from data and drops the uncertainty', () => {
    expect(rebaseScenario(file, '2025-08')).toEqual({
      name: 'Bas',
      start: '2025-09',
      months: 60,
      baseline: { calibrate: true },
      effects: { durationReductionMonths: 0.5, startMonth: 9 },
    });
  });

  it('leaves its input unchanged and refuses what is not an object', () => {
    rebaseScenario(file, '2025-12');
    expect(file.start).toBe('2026-01');
    expect(() => rebaseScenario([1, 2], '2025-08')).toThrow('Scenariot är inget JSON-objekt.');
  });
});

describe('forecastMethod / scenarioFileName', () => {
  it('states the scenario and the last month of data in Swedish', () => {
    expect(forecastMethod('Bas', '2025-08')).toBe('Simulering (scenario bas, utgångsläge från data t.o.m. augusti 2025)');
    expect(forecastMethod('Ambitiös', '2025-04')).toBe('Simulering (scenario ambitiös, utgångsläge från data t.o.m. april 2025)');
  });

  it.each([
    ['bas', 'bas'],
    ['försiktig', 'forsiktig'],
    ['Ambitiös', 'ambitios'],
    ['ingen', null],
    ['', null],
  ])('%j names file %j', (value, file) => {
    expect(scenarioFileName(value)).toBe(file);
  });

  it('refuses a value that cannot be a file name', () => {
    expect(() => scenarioFileName('../bas')).toThrow('"../bas" är inget namn på en scenariofil');
  });
});

describe('forecastMonth / effectStartMonth', () => {
  const values = { period: { from: '2025-01', to: '2025-08' }, manad: '2025-04', scenario: 'bas' };

  it.each([
    ['period.to', '2025-08'],
    ['period.from', '2025-01'],
    ['manad', '2025-04'],
  ])('%s reads %s', (ref, month) => {
    expect(forecastMonth(values, ref)).toBe(month);
  });

  it('a missing input or one without a month is an error', () => {
    expect(() => forecastMonth(values, 'saknas')).toThrow('"forecast: saknas" ger ingen månad');
    expect(() => forecastMonth(values, 'scenario')).toThrow('Ogiltig bokslutsmånad: bas');
  });

  it.each([
    ['2025-09', 1, '2025-09'],
    ['2025-09', 9, '2026-05'],
    ['2025-05', 5, '2025-09'],
  ])('from %s, effect month %i is %s', (start, n, month) => {
    expect(effectStartMonth(start, n)).toBe(month);
  });
});
