import { describe, expect, it } from 'vitest';
import { BenchOptionError, isStale, lastMonths, parseBenchArgs } from './datasets.ts';

describe('parseBenchArgs(argv)', () => {
  it.each([
    [[], ['standard', '1m', '12m'], 7],
    [['--sizes', 'standard,1m'], ['standard', '1m'], 7],
    [['--sizes=12m,standard', '--runs=3'], ['standard', '12m'], 3],
    [['--runs', '1', '--sizes', ' 1M '], ['1m'], 1],
  ])('%j → sizes %j, runs %d', (argv, sizes, runs) => {
    const o = parseBenchArgs(argv);
    expect(o.datasets.map((d) => d.id)).toEqual(sizes);
    expect(o.runs).toBe(runs);
    expect(o.skipSimulation).toBe(false);
    expect(o.skipImport).toBe(false);
    expect(o.only).toBe(null);
  });

  it('--no-sim skips the simulation rows', () => {
    expect(parseBenchArgs(['--no-sim']).skipSimulation).toBe(true);
  });

  it('--no-import skips the import section; --only import runs just it', () => {
    expect(parseBenchArgs(['--no-import']).skipImport).toBe(true);
    expect(parseBenchArgs(['--only', 'import'])).toMatchObject({ only: 'import', skipImport: false });
    expect(parseBenchArgs(['--only=import', '--runs', '1'])).toMatchObject({ only: 'import', runs: 1 });
  });

  it('--no-load skips the page loads; --only load runs just them (no import)', () => {
    expect(parseBenchArgs(['--no-load'])).toMatchObject({ skipLoad: true, skipImport: false });
    expect(parseBenchArgs(['--only', 'load'])).toMatchObject({ only: 'load', skipLoad: false, skipImport: true });
    expect(parseBenchArgs(['--only', 'import'])).toMatchObject({ skipLoad: true });
    expect(() => parseBenchArgs(['--only', 'load', '--no-load'])).toThrow('--only load och --no-load går inte ihop');
  });

  it('names the files of each size', () => {
    const [standard, one, twelve] = parseBenchArgs([]).datasets;
    expect(standard).toMatchObject({ parquet: 'data/utbetalningar.parquet', generate: null, arrowUrl: 'data/bench-standard.arrow' });
    expect(one?.generate).toEqual(['--households', '10000', '--years', '10', '--out', 'data/large/bench-1m.parquet']);
    expect(twelve).toMatchObject({ parquet: 'data/large/bench-12m.parquet', arrowCache: 'data/large/bench-12m.arrow' });
  });

  it.each([
    [['--sizes', 'standard,2m'], '--sizes: okänd storlek "2m"'],
    [['--runs', '0'], '--runs ska vara ett heltal 1–1000, fick "0"'],
    [['--runs', 'sju'], '--runs ska vara ett heltal 1–1000, fick "sju"'],
    [['--runs'], '--runs saknar värde'],
    [['--sizes', '--runs', '3'], '--sizes saknar värde'],
    [['--fast'], 'Okänd flagga --fast'],
    [['12m'], 'Okänt argument "12m"'],
    [['--runs', '3', '--runs', '4'], '--runs är angiven två gånger'],
    [['--only', 'sim'], '--only: okänd del "sim"; giltiga är import och load'],
    [['--only'], '--only saknar värde'],
    [['--only', 'import', '--no-import'], '--only import och --no-import går inte ihop'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchOptionError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe('isStale(source, derived)', () => {
  it.each([
    [100, null, true],
    [100, 99, true],
    [100, 100, false],
    [100, 101, false],
  ])('source %d, derived %s → %s', (source, derived, expected) => {
    expect(isStale(source, derived)).toBe(expected);
  });
});

describe('lastMonths(first, last, count)', () => {
  it.each([
    [0, 95, 12, { lo: 84, hi: 95 }],
    [90, 95, 12, { lo: 90, hi: 95 }],
    [0, 11, 12, { lo: 0, hi: 11 }],
  ])('(%d, %d, %d) → %j', (first, last, count, expected) => {
    expect(lastMonths(first, last, count)).toEqual(expected);
  });
});
