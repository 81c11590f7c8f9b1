import { describe, expect, it } from 'vitest';
import { formatMetricChange, formatMetricValue } from './metric.ts';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formatMetricValue(value, unit) / formatMetricChange(change, relative, unit)', () => {
  it.each([
    [formatMetricValue(372.4, 'hushåll'), '372'],
    [formatMetricValue(3, 'hushåll'), '<5'],
    [formatMetricValue(38_400_000, 'kr'), '38,4 mnkr'],
    [formatMetricValue(8629, 'kr'), '8 629 kr'],
    [formatMetricValue(7.64, 'månader'), '7,6 mån'],
    [formatMetricValue(0.688, 'andel'), '69 %'],
    [formatMetricValue(null, 'andel'), '–'],
    [formatMetricChange(0.021, 0.03, 'andel'), '+2,1 p.e.'],
    [formatMetricChange(-12, -0.035, 'hushåll'), '\u22123,5 %'],
    [formatMetricChange(null, null, 'kr'), '–'],
  ])('%s is %s', (actual, expected) => {
    expect(plain(actual)).toBe(expected);
  });
});
