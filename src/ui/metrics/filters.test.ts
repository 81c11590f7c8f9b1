import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkView, missingChoices, viewFromParams, viewToParams, type MetricsView } from './filters.ts';

describe('viewFromParams(params) / viewToParams(view)', () => {
  it('reads filters, G and W, and ignores malformed values', () => {
    const view = viewFromParams(new URLSearchParams('from=2024-01&to=2024-13&enhet=Norr&enhet=S%C3%B6der&barn=kanske&G=2&W=0'));
    expect(view).toEqual({ filters: { from: '2024-01', enhet: ['Norr', 'Söder'] }, gap: 2, window: 12 });
  });

  it('reads the shared encoding period=a..b, and old from=/to= links', () => {
    expect(viewFromParams(new URLSearchParams('period=2024-01..2024-06&barn=utan')).filters).toEqual({ from: '2024-01', to: '2024-06', barn: 'utan' });
    expect(viewFromParams(new URLSearchParams('from=2024-01&to=2024-06&barn=utan')).filters).toEqual({ from: '2024-01', to: '2024-06', barn: 'utan' });
    expect(viewFromParams(new URLSearchParams('period=..2024-06')).filters).toEqual({ to: '2024-06' });
    expect(viewFromParams(new URLSearchParams('period=2024-01..')).filters).toEqual({ from: '2024-01' });
    // A notebook link's barn value means the same here.
    expect(viewFromParams(new URLSearchParams('barn=med+barn')).filters).toEqual({ barn: 'med' });
    expect(viewToParams({ filters: { from: '2024-01', to: '2024-06', enhet: ['Norr'] }, gap: 3, window: 12 }).toString()).toBe('period=2024-01..2024-06&enhet=Norr');
  });

  it('round-trips any view', () => {
    const month = fc.tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    const list = fc.option(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }), { nil: undefined });
    const view = fc.record({
      filters: fc.record(
        { from: month, to: month, enhet: list, hushallstyp: list, forsorjningshinder: list, barn: fc.constantFrom('med' as const, 'utan' as const) },
        { requiredKeys: [] },
      ),
      gap: fc.integer({ min: 1, max: 12 }),
      window: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(view, (v) => {
        const clean: MetricsView = { ...v, filters: Object.fromEntries(Object.entries(v.filters).filter(([, x]) => x !== undefined)) };
        expect(viewFromParams(viewToParams(clean))).toEqual(clean);
      }),
    );
  });
});

describe('checkView(params, dataMonths)', () => {
  const data = { first: '2018-01', last: '2025-12' };
  it('W=0 is refused with a sentence naming the W the page uses (12)', () => {
    const { view, problems } = checkView(new URLSearchParams('W=0'), data);
    expect(view.window).toBe(12);
    expect(problems).toEqual(['W = 0 går inte (W ska vara ett heltal 1–60). Sidan använder W = 12.']);
  });
  it('G=x and W=61 too; valid values give no sentence', () => {
    expect(checkView(new URLSearchParams('G=x&W=61'), data).problems).toHaveLength(2);
    expect(checkView(new URLSearchParams('G=2&W=24'), data)).toEqual({ view: { filters: {}, gap: 2, window: 24 }, problems: [] });
  });
  it('a period in 2030 becomes the data’s last twelve months (2025), and says so', () => {
    const { view, problems } = checkView(new URLSearchParams('period=2030-01..2030-12&enhet=Norr'), data);
    expect(view.filters).toEqual({ from: '2025-01', to: '2025-12', enhet: ['Norr'] });
    expect(problems[0]).toMatch(/^Perioden januari 2030–december 2030 finns inte i datan/);
  });
});

describe('missingChoices(filters, options)', () => {
  const options = { months: ['2025-01'], enhet: ['Norr', 'Söder'], hushallstyp: ['sammanboende med barn'], forsorjningshinder: [] };
  it('names, per filter, only the chosen values the data lacks', () => {
    expect(missingChoices({ enhet: ['Norr', 'Öster'], hushallstyp: ['finns-inte', 'x'], barn: 'med' }, options)).toEqual([
      'Enhet: "Öster" finns inte i datan och ger därför inga hushåll. Välj bland filtrets alternativ eller rensa det.',
      'Hushållstyp: "finns-inte", "x" finns inte i datan och ger därför inga hushåll. Välj bland filtrets alternativ eller rensa det.',
    ]);
  });
  it('says nothing when every choice is in the data, or none is made', () => {
    expect(missingChoices({ enhet: ['Söder'], hushallstyp: ['sammanboende med barn'] }, options)).toEqual([]);
    expect(missingChoices({}, options)).toEqual([]);
  });
});
