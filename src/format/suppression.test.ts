import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportTable } from './report.ts';
import {
  changeText,
  countCell,
  isDisclosingShare,
  isSmallCount,
  protectBreakdown,
  protectFigure,
  protectSeries,
  shareCell,
  type BreakdownColumn,
} from './suppression.ts';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');
const texts = (t: ReportTable) => t.rows.map((r) => r.map((c) => plain(c.text)));
const int = (v: number) => String(v);

const COLUMNS: BreakdownColumn[] = [
  { label: 'Enhet', kind: 'text', role: 'label' },
  { label: 'Hushåll', kind: 'count', role: 'count' },
  { label: 'Utbetalt', kind: 'kr', role: 'amount' },
  { label: 'Per hushåll', kind: 'kr', role: 'attribute' },
  { label: 'E-andel', kind: 'share', role: 'share', decimals: 0 },
];

describe('primary rule', () => {
  it('1 to 4 is <5, 0 and 5 are numbers; the threshold can be raised', () => {
    expect([0, 1, 4, 5].map((n) => countCell(n).text)).toEqual(['0', '<5', '<5', '5']);
    expect(countCell(9, { threshold: 10 }).text).toBe('<10');
    expect(countCell(3, { enabled: false }).text).toBe('3');
    expect(isSmallCount(4.6)).toBe(true);
    expect(countCell(3)).toEqual({ value: null, text: '<5', protected: true });
  });
});

describe('protectBreakdown, hand-worked', () => {
  // Norr 2 households (small), Söder 7, Öster 40. Total 49 shown elsewhere.
  const rows = [
    ['Norr', 2, 38_100, 19_050, 1],
    ['Söder', 7, 70_000, 10_000, 0],
    ['Öster', 40, 320_000, 8_000, 0.75],
  ];

  it('protects the small group, then the next smallest (complementary), and says so in words', () => {
    const t = protectBreakdown({ title: 't', columns: COLUMNS, rows, groupColumn: 1 });
    expect(texts(t)).toEqual([
      ['Norr', '<5', 'skyddat', 'skyddat', 'skyddat'],
      ['Söder', 'skyddat', 'skyddat', 'skyddat', 'skyddat'],
      ['Öster', '40', '320 000 kr', '8 000 kr', '75 %'],
    ]);
    expect(t.notes).toEqual(['skyddat: färre än 5 hushåll']);
    expect(t.rows[0]![2]!.value).toBeNull();
    expect(t.rows[2]![1]!.value).toBe(40);
  });

  it('without a shown total only the small group is protected', () => {
    const t = protectBreakdown({ title: 't', columns: COLUMNS, rows, groupColumn: 1, totalShown: false });
    expect(texts(t)[1]).toEqual(['Söder', '7', '70 000 kr', '10 000 kr', '0 %']);
  });

  it('two small groups need no complementary group', () => {
    const two = [['A', 3, 100, 33, 0.5], ['B', 4, 200, 50, 0.5], ['C', 30, 3000, 100, 0.5]];
    const t = protectBreakdown({ title: 't', columns: COLUMNS, rows: two, groupColumn: 1 });
    expect(texts(t).map((r) => r[1])).toEqual(['<5', '<5', '30']);
  });

  it('a share whose complement is small is protected (117 of 120)', () => {
    const r = [['A', 120, 1000, 8, 117 / 120], ['B', 120, 1000, 8, 60 / 120]];
    const t = protectBreakdown({ title: 't', columns: COLUMNS, rows: r, groupColumn: 1 });
    expect(texts(t).map((x) => x[4])).toEqual(['skyddat', '50 %']);
    expect(isDisclosingShare(3, 120)).toBe(true);
    expect(isDisclosingShare(60, 120)).toBe(false);
    expect(shareCell(1, 2, int).text).toBe('skyddat');
  });

  it('a small count in a large group is <5 and gets a complementary cell in its column', () => {
    const cols: BreakdownColumn[] = [COLUMNS[0]!, COLUMNS[1]!, { label: 'Barn', kind: 'count', role: 'count' }];
    const t = protectBreakdown({ title: 't', columns: cols, rows: [['A', 50, 3], ['B', 60, 12], ['C', 70, 40]], groupColumn: 1 });
    expect(texts(t)).toEqual([['A', '50', '<5'], ['B', '60', 'skyddat'], ['C', '70', '40']]);
  });

  it('a report filtered down to a small group protects all its counts and amounts', () => {
    const t = protectBreakdown({ title: 't', columns: COLUMNS, rows: [['dec', 7, 1000, 140, 0.5]], groupColumn: 1, reportGroupSize: 3 });
    expect(t.rows[0]!.slice(1).every((c) => c.protected)).toBe(true);
  });

  it('a difference of two shown counts stays a number; with a protected count it is protected', () => {
    const cols: BreakdownColumn[] = [COLUMNS[0]!, COLUMNS[1]!, { label: 'Förra året', kind: 'count', role: 'count' },
      { label: 'Förändring', kind: 'number', role: 'difference', of: [1, 2] }];
    const t = protectBreakdown({ title: 't', columns: cols, rows: [['A', 89, 86, 3], ['B', 120, 2, 118], ['C', 130, 140, -10]], groupColumn: 1, totalShown: false });
    expect(texts(t)).toEqual([['A', '89', '86', '3'], ['B', '120', '<5', 'skyddat'], ['C', '130', '140', '\u221210']]);
  });

  it('months in words', () => {
    const cols: BreakdownColumn[] = [{ label: 'Månad', kind: 'month', role: 'label' }, COLUMNS[1]!];
    expect(texts(protectBreakdown({ title: 't', columns: cols, rows: [['2023-03', 9]], groupColumn: 1 }))[0]![0]).toBe('mars 2023');
  });
});

describe('protectFigure (KPI cards)', () => {
  const kr = (v: number) => `${(v / 1000).toFixed(1).replace('.', ',')} tkr`;

  it('the issue case: 2 households in Dec, 5 a year earlier: no amount, per household, share or change', () => {
    const group = { groupSize: 2, previousGroupSize: 5 };
    const households = protectFigure({ label: 'Aktiva', role: 'count', value: 2, previous: 5, format: int, ...group });
    const paid = protectFigure({ label: 'Utbetalt', role: 'attribute', value: 38_100, previous: 90_000, format: kr, ...group });
    const share = protectFigure({ label: 'E-andel', role: 'share', value: 1, previous: 0.6, format: int, ...group });
    expect([households, paid, share].map((f) => [f.cell.text, f.change])).toEqual([
      ['<5', 'skyddat'], ['skyddat', 'skyddat'], ['skyddat', 'skyddat'],
    ]);
  });

  it('a change of +3 between two shown counts is "+3 (+3,5 %)", not "+<5"', () => {
    const f = protectFigure({ label: 'Aktiva', role: 'count', value: 89, previous: 86, groupSize: 89, previousGroupSize: 86, format: int, changeSuffix: 'mot året innan' });
    expect(plain(f.change!)).toBe('+3 (+3,5 %) mot året innan');
    expect(changeText(countCell(89), countCell(86), int, false)).toBe('+3');
  });

  it('a figure the data cannot give stays "–" even in a small group (its absence tells nothing)', () => {
    const f = protectFigure({ label: 'Bidragstid', role: 'attribute', value: null, previous: null, groupSize: 2, previousGroupSize: 2, format: int });
    expect([f.cell.text, f.change]).toEqual(['–', '–']);
  });

  it('a large group now but small a year earlier: the figure is shown, the change is not', () => {
    const f = protectFigure({ label: 'Utbetalt', role: 'attribute', value: 100_000, previous: 8_000, groupSize: 12, previousGroupSize: 1, format: kr });
    expect([f.cell.text, f.change]).toEqual(['100,0 tkr', 'skyddat']);
  });
});

describe('protectSeries', () => {
  it('leaves out the points of small groups, keeps the rest', () => {
    expect(protectSeries([10, 2, 7, 0], [10, 2, 7, 0])).toEqual({ values: [10, null, 7, 0], protectedCount: 1 });
  });
});

describe('complementary protection (property)', () => {
  it('no protected count or amount can be recovered as total minus the shown cells of its column', () => {
    const row = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 90_000 }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 8 }), (raw) => {
        const rows = raw.map(([h, c, kr], i) => [`G${i}`, h, Math.min(c, h), h === 0 ? 0 : kr]);
        const cols: BreakdownColumn[] = [COLUMNS[0]!, COLUMNS[1]!, { label: 'Barn', kind: 'count', role: 'count' }, { label: 'Utbetalt', kind: 'kr', role: 'amount' }];
        const t = protectBreakdown({ title: 't', columns: cols, rows, groupColumn: 1 });
        for (const j of [1, 2, 3]) {
          const hidden = t.rows.filter((r) => r[j]!.protected);
          // Total − shown = the sum of the hidden cells: a single hidden cell would be recovered.
          expect(hidden.length).not.toBe(1);
          for (const r of hidden) expect(r[j]!.value).toBeNull();
        }
        rows.forEach((r, i) => {
          const h = r[1] as number;
          if (h > 0 && h < 5) expect(t.rows[i]!.slice(1).every((c) => c.protected)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
