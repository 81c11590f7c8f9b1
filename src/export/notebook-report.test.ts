import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { parseNotebook, type RuntimeSnapshot } from '../notebooks/index.ts';
import { buildNotebookReport, reportContext } from './notebook-report.ts';

const text = `---
title: Testrapport
---

Inledning till nämnden.

\`\`\`input period
type: period
from: 2024-01
to: 2025-02
\`\`\`

\`\`\`input enhet
type: select
label: Enhet
options: Norr, Söder
\`\`\`

## Nyckeltal

\`\`\`chart aktiva
type: kpi
data: m
x: grupp
y: avg_households
format: count
title: Aktiva hushåll
\`\`\`

\`\`\`chart utbetalt
type: kpi
data: m
x: grupp
y: paid_kr
format: kr
title: Utbetalt
\`\`\`

Förklaring.

\`\`\`notes
Säg att februari var kort.
\`\`\`

## Trend

\`\`\`chart t
type: line
data: m
x: grupp
y: avg_households
format: count
\`\`\`
`;

const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02'];
// Hand-made: February 2025 has 3 households (small), January 2025 has 10, February 2024 has 8.
const households = [9, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10, 3];
const paid = households.map((h) => h * 10000);
const m = tableFromArrays({ grupp: months, avg_households: Float64Array.from(households), paid_kr: Float64Array.from(paid) });

describe('buildNotebookReport(notebook, snapshot, options)', () => {
  const nb = parseNotebook(text);
  const snapshot: RuntimeSnapshot = {
    inputs: { period: { from: '2024-01', to: '2025-02' }, enhet: 'Söder' },
    cells: { aktiva: { status: 'ok', runs: 1, result: m }, utbetalt: { status: 'ok', runs: 1, result: m }, t: { status: 'ok', runs: 1, result: m } },
    running: false,
  };
  const report = buildNotebookReport(nb, snapshot, { dataFile: 'test.arrow', generatedAt: '2026-01-01T00:00:00Z' });

  it('splits sections at level-2 headings, the text before them is the intro', () => {
    expect(report.sections.map((s) => s.title)).toEqual(['Nyckeltal', 'Trend']);
    expect(report.intro).toEqual([{ kind: 'paragraph', text: 'Inledning till nämnden.' }]);
  });
  it('puts the period and filters in words in the context', () => {
    expect(report.context.period).toBe('januari 2024 – februari 2025');
    expect(report.context.filters).toEqual(['Enhet: Söder']);
  });
  it('takes speaker notes from ```notes blocks, not the slide text', () => {
    const s = report.sections[0]!;
    expect(s.notes).toEqual(['Säg att februari var kort.']);
    expect(s.blocks.filter((b) => b.kind === 'text').map((b) => (b.kind === 'text' && b.text.kind === 'paragraph' ? b.text.text : ''))).toEqual(['Förklaring.']);
  });
  it('protects a KPI of a group of 3 households: count "<5", amount and changes protected', () => {
    const figures = report.sections[0]!.blocks[0]!;
    expect(figures.kind).toBe('figures');
    if (figures.kind !== 'figures') return;
    const [aktiva, utbetalt] = figures.figures;
    expect(aktiva!.label).toBe('Aktiva hushåll, februari 2025');
    expect(aktiva!.cell).toEqual({ value: null, text: '<5', protected: true });
    expect(aktiva!.change).toBe('skyddat mot föregående månad; skyddat mot samma månad förra året');
    expect(utbetalt!.cell.protected).toBe(true);
    expect(JSON.stringify(report)).not.toContain('30\u00a0000');
  });
  it('leaves the small month out of the chart series', () => {
    const chart = report.sections[1]!.blocks[0]!;
    expect(chart.kind).toBe('chart');
    if (chart.kind !== 'chart') return;
    expect(chart.chart.series!.series[0]!.values.slice(-2)).toEqual([10, null]);
    expect(chart.chart.series!.labels[0]).toMatch(/^jan/);
  });
});

describe('buildNotebookReport for a report filtered down to a small group', () => {
  const nb = parseNotebook(`## Budget\n\n\`\`\`chart k\ntype: kpi\ndata: m\nx: grupp\ny: avg_households\nformat: count\n\`\`\`\n\n\`\`\`chart b\ntype: table\ndata: b\ny: Post, Belopp\nformat: kr\n\`\`\`\n`);
  // Hand-made: the group has 4 households; the budget table has no households column of its own.
  const m = tableFromArrays({ grupp: ['2025-01', '2025-02'], avg_households: Float64Array.from([4, 4]) });
  const b = tableFromArrays({ Post: ['Utfall'], Belopp: Float64Array.from([293328]) });
  const report = buildNotebookReport(nb, { inputs: {}, cells: { k: { status: 'ok', runs: 1, result: m }, b: { status: 'ok', runs: 1, result: b } }, running: false }, { dataFile: 'x' });
  it('protects the amounts of its tables too', () => {
    const table = report.sections[0]!.blocks.find((x) => x.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows[0]![1]).toEqual({ value: null, text: 'skyddat', protected: true });
    expect(JSON.stringify(report)).not.toContain('293');
  });
});

describe('reportContext(notebook, inputs, options): the printed line without building the report', () => {
  const nb = parseNotebook(text);
  it('reads period and filters from the input values alone', () => {
    const c = reportContext(nb, { period: { from: '2024-03', to: '2024-03' }, enhet: 'Norr' }, { dataFile: 'x.arrow', threshold: 3 });
    expect([c.title, c.period, c.filters, c.dataFile, c.threshold]).toEqual(['Testrapport', 'mars 2024', ['Enhet: Norr'], 'x.arrow', 3]);
  });
  it('falls back to the data period and no filters when nothing is chosen', () => {
    const c = reportContext(nb, {}, { dataFile: 'x.arrow', dataPeriod: 'januari 2024 – juni 2025' });
    expect([c.period, c.filters, c.threshold]).toEqual(['januari 2024 – juni 2025', [], 5]);
  });
});
