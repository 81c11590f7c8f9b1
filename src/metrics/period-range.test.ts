import { describe, expect, it } from 'vitest';
import { fitPeriod } from './period-range.ts';

describe('fitPeriod(from, to, first, last, fallback?)', () => {
  it('leaves a period inside the data alone', () => {
    expect(fitPeriod('2023-03', '2023-09', '2018-01', '2025-12')).toEqual({ from: '2023-03', to: '2023-09' });
  });
  it('cuts a period that runs past the data to the months that exist, and says so', () => {
    const f = fitPeriod('2025-06', '2026-05', '2018-01', '2025-12');
    expect([f.from, f.to]).toEqual(['2025-06', '2025-12']);
    expect(f.problem).toBe('Perioden juni 2025–maj 2026 går utanför datan, som har januari 2018–december 2025. Visar juni 2025–december 2025, de månader som finns.');
  });
  it('a year with no data (2030) becomes the fallback period, and says so', () => {
    const f = fitPeriod('2030-01', '2030-12', '2018-01', '2025-12', { from: '2025-01', to: '2025-08' });
    expect([f.from, f.to]).toEqual(['2025-01', '2025-08']);
    expect(f.problem).toBe('Perioden januari 2030–december 2030 finns inte i datan, som har januari 2018–december 2025. Visar i stället januari 2025–augusti 2025.');
  });
  it('without a fallback, the last twelve months (by hand: Jan–Dec 2025)', () => {
    const f = fitPeriod('2030-01', '2030-12', '2018-01', '2025-12');
    expect([f.from, f.to]).toEqual(['2025-01', '2025-12']);
  });
  it('a short data span gives all of it', () => {
    expect(fitPeriod('2010-01', '2010-02', '2024-03', '2024-05')).toMatchObject({ from: '2024-03', to: '2024-05' });
  });
});
