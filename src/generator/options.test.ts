import { describe, expect, it } from 'vitest';
import { DEFAULT_OUT, householdsForRows, OptionError, parseGenerateArgs } from './options.ts';
import { DEFAULT_GENERATOR_PARAMS as P } from './params.ts';

describe('parseGenerateArgs(argv)', () => {
  it('with no options writes the committed default file with the default parameters', () => {
    const o = parseGenerateArgs([]);
    expect(o).toEqual({ params: P, out: DEFAULT_OUT, format: 'parquet' });
  });

  it('sends any other size, seed or period to data/large/', () => {
    const o = parseGenerateArgs(['--households', '10000', '--years=10']);
    expect(o.params).toMatchObject({ households: 10000, months: 120, seed: P.seed });
    expect(o.out).toBe('data/large/utbetalningar-s20260101-h10000-2018-01-10ar.parquet');
    expect(parseGenerateArgs(['--seed', '42']).out).toMatch(/^data\/large\/utbetalningar-s42-h400-/);
    expect(parseGenerateArgs(['--format', 'csv']).out).toMatch(/^data\/large\/.*\.csv$/);
  });

  it('takes --out, --start and --format as given', () => {
    const o = parseGenerateArgs(['--out', '/tmp/x.csv', '--start', '2020-07', '--format', 'csv']);
    expect(o).toMatchObject({ out: '/tmp/x.csv', format: 'csv', params: { start: '2020-07' } });
  });

  it('--rows picks the households for about that many rows', () => {
    const o = parseGenerateArgs(['--rows', '12000000']);
    expect(o.params.households).toBe(householdsForRows(12_000_000, P));
    expect(o.params.households).toBeGreaterThan(120_000);
    expect(o.params.households).toBeLessThan(140_000);
  });

  it.each([
    [['--seed', 'x'], '--seed ska vara ett heltal'],
    [['--seed', '-1'], '--seed ska vara ett heltal'],
    [['--years', '0'], '--years ska vara ett heltal 1–50'],
    [['--households', '1.5'], '--households ska vara ett heltal'],
    [['--start', '2018-13'], '--start ska vara en månad ÅÅÅÅ-MM, fick "2018-13"'],
    [['--format', 'xlsx'], '--format ska vara parquet eller csv'],
    [['--bogus', '1'], 'Okänd flagga --bogus'],
    [['seed'], 'Okänt argument "seed"'],
    [['--out'], '--out saknar värde'],
    [['--seed', '1', '--seed', '2'], '--seed är angiven två gånger'],
    [['--rows', '1000', '--households', '5'], '--households och --rows kan inte anges samtidigt'],
  ])('%j → OptionError "%s…"', (argv, message) => {
    expect(() => parseGenerateArgs(argv)).toThrow(OptionError);
    expect(() => parseGenerateArgs(argv)).toThrow(message);
  });
});
