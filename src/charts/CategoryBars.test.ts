import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import CategoryBars from './CategoryBars.svelte';

describe('CategoryBars({ label, categories, values, format })', () => {
  it('draws one bar per category, largest first, with formatted values', () => {
    const { body } = render(CategoryBars, {
      props: { label: 'Per enhet', categories: ['Norr', 'Centrum', 'Söder'], values: [20, 80, 3], format: (v: number) => (v < 5 ? '<5' : String(v)) },
    });
    expect(body.match(/<rect /g)?.length).toBe(3);
    const order = [...body.matchAll(/class="cat[^"]*"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(order).toEqual(['Centrum', 'Norr', 'Söder']);
    expect(body).toContain('&lt;5');
    expect(body).toContain('aria-label="Per enhet: Centrum 80, Norr 20, Söder &lt;5"');
  });
});
