import { describe, expect, it } from 'vitest';
import { parseThreshold, setThresholdParam, thresholdFromParams } from './threshold-param.ts';

describe('parseThreshold(raw)', () => {
  it.each([
    [null, 5],
    ['', 5],
    ['2', 2],
    ['10', 10],
    [' 7 ', 7],
    ['100', 100],
  ])('%j is T = %i without a problem', (raw, t) => {
    expect(parseThreshold(raw)).toEqual({ threshold: t, problem: null });
  });

  it.each(['1', '0', '-3', '4.5', '10x', 'tio', '101', '1e1'])('%j falls back to 5 with a Swedish sentence naming the value', (raw) => {
    const { threshold, problem } = parseThreshold(raw);
    expect(threshold).toBe(5);
    expect(problem).toBe(`Skyddsgränsen "${raw}" går inte (den ska vara ett heltal 2–100). Sidan använder standardgränsen 5.`);
  });
});

describe('thresholdFromParams(params) and setThresholdParam(params, T)', () => {
  it('reads skydd= and writes it back, leaving other parameters and dropping the default', () => {
    expect(thresholdFromParams(new URLSearchParams('enhet=Norr&skydd=10')).threshold).toBe(10);
    expect(setThresholdParam(new URLSearchParams('enhet=Norr'), 10).toString()).toBe('enhet=Norr&skydd=10');
    expect(setThresholdParam(new URLSearchParams('enhet=Norr&skydd=10'), 5).toString()).toBe('enhet=Norr');
  });
});
