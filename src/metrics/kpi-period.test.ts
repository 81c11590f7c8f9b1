import { describe, expect, it } from 'vitest';
import { defaultKpiPeriod } from './kpis.ts';
import type { MetricsModel } from './types.ts';

// Month index = year × 12 + month − 1, worked by hand: 2025-06 → 24305, 2024-01 → 24288, 2025-03 → 24302.
const model = (firstMonth: number, lastMonth: number) => ({ firstMonth, lastMonth }) as MetricsModel;

describe('defaultKpiPeriod(model)', () => {
  it('is the last twelve months of data', () => {
    expect(defaultKpiPeriod(model(24288, 24305))).toEqual({ from: '2024-07', to: '2025-06' });
  });
  it('starts at the data start when there are fewer than twelve months', () => {
    expect(defaultKpiPeriod(model(24302, 24305))).toEqual({ from: '2025-03', to: '2025-06' });
  });
});
