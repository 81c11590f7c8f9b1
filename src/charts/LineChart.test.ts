import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import LineChart from './LineChart.svelte';

describe('LineChart({ months, values, label, format })', () => {
  it('draws one point per month with a Swedish tooltip, skipping missing values', () => {
    const { body } = render(LineChart, {
      props: {
        months: ['2024-11', '2024-12', '2025-01', '2025-02'],
        values: [10, 12, null, 9],
        label: 'Aktiva hushåll',
        format: (v: number) => `${v} st`,
      },
    });
    expect(body.match(/class="point"/g)?.length).toBe(3);
    expect(body).toContain('november 2024: 10 st');
    expect(body).not.toContain('januari 2025');
    expect(body).toMatch(/<path d="M[\d.,LM-]+"/);
    expect(body).toContain('aria-label="Aktiva hushåll, 3 månader"');
    // A year label at each January.
    expect(body).toMatch(/class="xtick"[^>]*>2025</);
  });
});
