import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import BarChart from './BarChart.svelte';
import StackedAreaChart from './StackedAreaChart.svelte';
import BrushLineChart from './BrushLineChart.svelte';

const fmt = (v: number) => `${v} st`;

describe('BarChart', () => {
  it('draws one bar per category; selectable bars are buttons with the selection pressed', () => {
    const { body } = render(BarChart, { props: { label: 'Per enhet', categories: ['Norr', 'Söder', 'Väst'], values: [10, 20, null], format: fmt, selected: 'Söder', onselect: () => {} } });
    expect(body.match(/role="button"/g)?.length).toBe(3);
    expect(body).toContain('aria-label="Söder: 20 st"');
    expect(body.match(/aria-pressed="true"/g)?.length).toBe(1);
    expect(body).toContain('aria-label="Per enhet: Norr 10 st, Söder 20 st, Väst –"');
  });
  it('is a plain image without onselect', () => {
    const { body } = render(BarChart, { props: { label: 'X', categories: ['a'], values: [1], format: fmt } });
    expect(body).not.toContain('role="button"');
    expect(body).toContain('role="img"');
  });
});

describe('StackedAreaChart', () => {
  it('draws one layer per series with a legend', () => {
    const { body } = render(StackedAreaChart, { props: { label: 'Sammansättning', labels: ['2024-01', '2024-02'], series: [{ label: 'A', values: [1, 2] }, { label: 'B', values: [3, null] }], format: fmt } });
    expect(body.match(/class="layer\b/g)?.length).toBe(2);
    expect(body).toContain('<title>B</title>');
    expect(body.match(/<li>/g)?.length).toBe(2);
  });
});

describe('BrushLineChart', () => {
  it('draws a line per series and shades a given selection', () => {
    const { body } = render(BrushLineChart, {
      props: { label: 'Trend', labels: ['2024-01', '2024-02', '2024-03'], series: [{ label: 'A', values: [1, 2, 3] }], format: fmt, selection: { from: '2024-02', to: '2024-03' }, onselect: () => {} },
    });
    expect(body.match(/class="series\b/g)?.length).toBe(1);
    expect(body).toMatch(/class="brush\b/);
    expect(body).toMatch(/class="overlay\b/);
    const none = render(BrushLineChart, { props: { label: 'T', labels: ['a', 'b'], series: [{ label: 'A', values: [1, 2] }], format: fmt } }).body;
    expect(none).not.toMatch(/class="brush\b/);
    expect(none).not.toMatch(/class="overlay\b/);
  });
});
