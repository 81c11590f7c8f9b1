import { describe, expect, it } from 'vitest';
import { dataSourceFrom } from './data-source.ts';

describe('dataSourceFrom(search)', () => {
  it.each([
    ['', 'data/utbetalningar.arrow'],
    ['?sida=nyckeltal', 'data/utbetalningar.arrow'],
    ['?data=data/utbetalningar.arrow', 'data/utbetalningar.arrow'],
    ['?data=data/bench-standard.arrow', 'data/bench-standard.arrow'],
    ['?data=data%2Fcorrupt.arrow', 'data/corrupt.arrow'],
  ])('%j loads %s', (search, url) => {
    expect(dataSourceFrom(search)).toEqual({ ok: true, url });
  });

  it.each([
    '//annan.example/x.arrow',
    'https://annan.example/data/x.arrow',
    'data//annan.example/x.arrow',
    '/data/x.arrow',
    'data/../x.arrow',
    'data/..arrow',
    'data/a..b.arrow',
    'data\\x.arrow',
    'data/%2e%2e/x.arrow',
    'data/x.arrow?y=1',
    'data/sub/x.arrow',
    'blob:http://localhost/x.arrow',
    'data/x.parquet',
    'data/.arrow',
    '',
  ])('refuses %j with a Swedish message instead of loading the sample', (value) => {
    const source = dataSourceFrom(`?data=${encodeURIComponent(value)}`);
    expect(source.ok).toBe(false);
    if (!source.ok) {
      expect(source.requested).toBe(value);
      expect(source.message).toMatch(/får bara namnge en fil i webbplatsens egen datamapp/);
    }
  });
});
