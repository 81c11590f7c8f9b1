import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import TornadoChart from './TornadoChart.svelte';

describe('TornadoChart({ items, base, label, format })', () => {
  it('draws a low and a high bar per item around the base, with the input range and a tooltip', () => {
    const { body } = render(TornadoChart, {
      props: {
        items: [
          { label: 'Tidsbesparing', lowInput: '60 %', highInput: '85 %', lowValue: 1000, highValue: 5000 },
          { label: 'Timmar per ärende', lowInput: '3', highInput: '5', lowValue: 2500, highValue: 3500 },
        ],
        base: 3000,
        label: 'Vad betyder mest?',
        format: (v: number) => `${v} kr`,
      },
    });
    expect(body.match(/<g class="bar"/g)?.length).toBe(2);
    expect(body.match(/<rect /g)?.length).toBe(4);
    expect(body).toContain('60 %–85 %');
    expect(body).toContain('<title>Tidsbesparing = 85 %: 5000 kr</title>');
    expect(body).toMatch(/class="basetext[^"]*"[^>]*>3000 kr</);
    // Rows in the order given (the engine sorts by swing).
    expect(body.indexOf('data-label="Tidsbesparing"')).toBeLessThan(body.indexOf('data-label="Timmar per ärende"'));
  });

  it('draws a bar of at least one pixel when an assumption changes nothing', () => {
    const { body } = render(TornadoChart, {
      props: {
        items: [{ label: 'Licens', lowInput: '0 kr', highInput: '0 kr', lowValue: 10, highValue: 10 }],
        base: 10,
        label: 'x',
        format: String,
      },
    });
    expect(body.match(/width="1"/g)?.length).toBe(2);
  });
});
