import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import MultiLineChart from './MultiLineChart.svelte';

const months = ['2026-01', '2026-02', '2026-03', '2026-04'];

describe('MultiLineChart({ months, series, band, mark, label, format })', () => {
  it('draws one path per series, the band, the zero line and the marked month', () => {
    const { body } = render(MultiLineChart, {
      props: {
        months,
        series: [
          { label: 'Kostnad', values: [-300, -30, -30, -30] },
          { label: 'Besparing', values: [0, 40, 60, 80], dashed: true },
        ],
        band: { label: 'p10–p90', lower: [-320, -40, 0, 20], upper: [-280, -20, 80, 120] },
        mark: { index: 2, label: 'Återbetald mars 2026' },
        label: 'Kostnad och besparing',
        format: (v: number) => `${v} kr`,
      },
    });
    expect(body.match(/class="series"/g)?.length).toBe(2);
    expect(body).toMatch(/class="band" d="M[^"]+Z"/);
    expect(body).toContain('stroke-dasharray="6 4"');
    // The domain spans −320…120, so 0 gets its own line.
    expect(body).toMatch(/class="zero[ "]/);
    expect(body).toMatch(/class="mark[^"]*" data-index="2"[\s\S]*Återbetald mars 2026/);
    expect(body).toContain('aria-label="Kostnad och besparing: Kostnad, Besparing, 4 månader"');
    // Short horizons get quarter ticks with month names.
    expect(body).toMatch(/class="xtick"[^>]*>\s*apr\.? 2026/);
    expect(body).toContain('class="swatch area');
  });

  it('leaves out what is not given and ignores a mark outside the months', () => {
    const { body } = render(MultiLineChart, {
      props: {
        months,
        series: [{ label: 'Hushåll', values: [151, 150, 149, 148] }],
        mark: { index: 9, label: 'utanför' },
        zero: false,
        label: 'Hushåll',
        format: (v: number) => String(v),
      },
    });
    expect(body).not.toContain('class="band"');
    expect(body).not.toMatch(/class="zero[ "]/);
    expect(body).not.toContain('utanför');
    // Zoomed in: no 0 tick when zero = false.
    expect(body).not.toMatch(/text-anchor="end">0</);
  });
});
