import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { scaleLinear } from 'd3-scale';
import YGrid from './YGrid.svelte';

describe('YGrid({ y, x1, x2, format })', () => {
  it('draws one labelled grid line per tick, from x1 to x2', () => {
    const y = scaleLinear().domain([0, 400]).range([200, 0]);
    const { body } = render(YGrid, { props: { y, x1: 70, x2: 500, format: (v: number) => `${v} st` } });
    expect(body.match(/<line /g)?.length).toBe(y.ticks(5).length);
    expect(body).toContain('x1="70" x2="500" y1="100" y2="100"');
    expect(body).toContain('>200 st<');
    expect(body).toContain('x="64"');
  });
});
