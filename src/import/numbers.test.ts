import { describe, expect, it } from 'vitest';
import { parseCount, parseNumber } from './numbers.ts';

describe('parseNumber(text)', () => {
  it.each([
    ['1 261 000,50', 1_261_000.5], ['1\u00a0261\u00a0000,50', 1_261_000.5], ['1\u202f261', 1261], ['8350', 8350],
    ['1234.75', 1234.75], ['1234,75', 1234.75], ['1.261.000,50', 1_261_000.5], ['1,261,000.50', 1_261_000.5],
    ['1.261.000', 1_261_000], [' 42 ', 42], ['7 150 kr', 7150], ['−250', -250], ['-0', 0], ['0,1', 0.1],
  ])('%j → %d', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['NaN', 'inte ett ändligt tal'], ['Infinity', 'inte ett ändligt tal'], ['-inf', 'inte ett ändligt tal'],
    ['1e400', 'tal i exponentform (t.ex. 1E+06) kan vara avrundat – exportera hela talet'],
    ['1,26E+06', 'tal i exponentform (t.ex. 1E+06) kan vara avrundat – exportera hela talet'],
    ['', 'värde saknas'], ['abc', 'inte ett tal'], ['1 5', 'inte ett tal'], ['12 34', 'inte ett tal'],
    ['1.2.3,4,5', 'oklart tal (blandade tusen- och decimaltecken)'], ['1,2345,678', 'oklart tal (blandade tusen- och decimaltecken)'],
    ['9'.repeat(400), 'inte ett ändligt tal'],
  ])('%j is refused: %s', (text, reason) => {
    expect(parseNumber(text)).toEqual({ ok: false, reason });
  });
});

describe('parseCount(text)', () => {
  it('accepts whole numbers, also written "2,0", and refuses fractions', () => {
    expect(parseCount('3')).toEqual({ ok: true, value: 3 });
    expect(parseCount('2,0')).toEqual({ ok: true, value: 2 });
    expect(parseCount('1,5')).toEqual({ ok: false, reason: 'inte ett heltal' });
    expect(parseCount('1.5')).toEqual({ ok: false, reason: 'inte ett heltal' });
  });
});
