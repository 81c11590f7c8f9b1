/**
 * A notebook report as a PowerPoint file (pptxgenjs, imported only when asked for, so the page does
 * not load it): a title slide, then one slide per section with its KPI figures, charts and tables and
 * its text (without the page's own instructions such as "Dra över diagrammet …"); speaker notes from
 * ```notes blocks; data file, period and filters in every slide's footer. Protection notes name the
 * threshold in force (ReportContext.threshold).
 * Charts are native PowerPoint charts from the protected series: sharp at any projector resolution,
 * editable, and their numbers follow the viewer's (Swedish) Office settings.
 */
import type PptxGenJS from 'pptxgenjs';
import type { ReportCell, ReportFigure, ReportTable } from '../format/report.ts';
import type { NotebookReport, ReportBlock, ReportChart, ReportSection } from './notebook-report.ts';
import { withoutPageInstructions, type TextBlock } from './markdown-text.ts';

type Slide = PptxGenJS.Slide;
const W = 13.333;
const MARGIN = 0.45;
const TOP = 1.2;
const BOTTOM = 6.85;
const FG = '1B1F24';
const MUTED = '57606A';
const ACCENT = '0072B2';
const FONT = 'Arial';
/** Rows a table slide shows; the whole table is in the Excel export. */
const MAX_ROWS = 14;

/** The footer line: data file, period and filters. */
export function footerText(report: NotebookReport): string {
  const c = report.context;
  return `Data: ${c.dataFile} · Period: ${c.period} · ${c.filters.length ? `Filter: ${c.filters.join('; ')}` : 'Inga filter'}`;
}

/** The report as .pptx bytes. */
export async function writePptx(report: NotebookReport): Promise<Uint8Array> {
  const { default: Pptx } = await import('pptxgenjs');
  const pptx = new Pptx();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = report.context.title;
  pptx.defineSlideMaster({
    title: 'RAPPORT',
    background: { color: 'FFFFFF' },
    objects: [
      { line: { x: MARGIN, y: 6.98, w: W - 2 * MARGIN, h: 0, line: { color: 'D0D7DE', width: 0.75 } } },
      { text: { text: footerText(report), options: { x: MARGIN, y: 7.0, w: W - 2 * MARGIN - 0.8, h: 0.4, fontFace: FONT, fontSize: 10, color: MUTED, fit: 'shrink' } } },
    ],
    slideNumber: { x: W - MARGIN - 0.6, y: 7.0, w: 0.6, h: 0.4, fontFace: FONT, fontSize: 10, color: MUTED, align: 'right' },
  });
  titleSlide(pptx.addSlide({ masterName: 'RAPPORT' }), report);
  for (const section of report.sections) sectionSlide(pptx, pptx.addSlide({ masterName: 'RAPPORT' }), section, report.context.threshold);
  return (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
}

function titleSlide(slide: Slide, report: NotebookReport): void {
  const c = report.context;
  slide.addText(c.title, { x: MARGIN, y: 1.3, w: W - 2 * MARGIN, h: 1.2, fontFace: FONT, fontSize: 40, bold: true, color: ACCENT, fit: 'shrink' });
  if (report.description) slide.addText(report.description, { x: MARGIN, y: 2.5, w: W - 2 * MARGIN, h: 1.0, fontFace: FONT, fontSize: 18, color: MUTED, valign: 'top', fit: 'shrink' });
  const made = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long' }).format(new Date(c.generatedAt));
  const facts = [`Period: ${c.period}`, c.filters.length ? `Filter: ${c.filters.join('; ')}` : 'Filter: inga (hela kommunen)', `Data: ${c.dataFile}`, `Skapad ${made}`];
  slide.addText(facts.map((t, i) => ({ text: t, options: { breakLine: i < facts.length - 1 } })), { x: MARGIN, y: 3.6, w: W - 2 * MARGIN, h: 1.4, fontFace: FONT, fontSize: 16, color: FG, valign: 'top' });
  const intro = withoutPageInstructions(report.intro).map(blockText).join('\n');
  if (intro) slide.addText(intro, { x: MARGIN, y: 5.1, w: W - 2 * MARGIN, h: 1.6, fontFace: FONT, fontSize: 13, color: MUTED, valign: 'top', fit: 'shrink' });
}

function blockText(b: TextBlock): string {
  if (b.kind === 'list') return b.items.map((i) => `• ${i}`).join('\n');
  return b.text;
}

function sectionSlide(pptx: PptxGenJS, slide: Slide, section: ReportSection, threshold: number): void {
  slide.addText(section.title, { x: MARGIN, y: 0.3, w: W - 2 * MARGIN, h: 0.75, fontFace: FONT, fontSize: 28, bold: true, color: FG, fit: 'shrink' });
  const texts = withoutPageInstructions(section.blocks.filter((b): b is Extract<ReportBlock, { kind: 'text' }> => b.kind === 'text').map((b) => b.text));
  const visuals = section.blocks.filter((b) => b.kind !== 'text');
  const textW = visuals.length === 0 ? W - 2 * MARGIN : texts.length ? 3.9 : 0;
  const left = { x: MARGIN, w: W - 2 * MARGIN - (textW ? textW + 0.3 : 0) };
  if (texts.length) addText(slide, texts, { x: W - MARGIN - textW, y: TOP, w: textW, h: BOTTOM - TOP });
  if (section.notes.length) slide.addNotes(section.notes.join('\n\n'));

  let y = TOP;
  const figures = visuals.flatMap((b) => (b.kind === 'figures' ? b.figures : []));
  if (figures.length) y = addFigures(slide, figures, left.x, y, left.w, threshold);
  const rest = visuals.filter((b) => b.kind !== 'figures');
  if (!rest.length) return;
  const cols = Math.min(rest.length, 3);
  const rows = Math.ceil(rest.length / cols);
  const gap = 0.25;
  const cw = (left.w - gap * (cols - 1)) / cols;
  const ch = (BOTTOM - y - gap * (rows - 1)) / rows;
  rest.forEach((b, i) => {
    const box = { x: left.x + (i % cols) * (cw + gap), y: y + Math.floor(i / cols) * (ch + gap), w: cw, h: ch };
    if (b.kind === 'chart') addChart(pptx, slide, b.chart, box, threshold);
    else if (b.kind === 'table') addTable(slide, b.table, box);
  });
}

type Box = { x: number; y: number; w: number; h: number };

function addText(slide: Slide, blocks: readonly TextBlock[], box: Box): void {
  const runs = blocks.flatMap((b, i) => {
    const last = i === blocks.length - 1;
    const heading = b.kind === 'heading';
    return [{ text: blockText(b), options: { bold: heading, fontSize: heading ? 15 : 13, breakLine: !last, paraSpaceAfter: 6 } }];
  });
  slide.addText(runs, { ...box, fontFace: FONT, color: FG, valign: 'top', fit: 'shrink' });
}

/** KPI cards in rows of up to three (four when there are many); returns the y below them. */
function addFigures(slide: Slide, figures: readonly ReportFigure[], x: number, y: number, w: number, threshold: number): number {
  const perRow = figures.length > 9 ? 4 : Math.min(3, figures.length);
  const gap = 0.15;
  const cw = (w - gap * (perRow - 1)) / perRow;
  const rowCount = Math.ceil(figures.length / perRow);
  const chh = Math.min(1.25, (BOTTOM - y - 1.6) / rowCount);
  figures.forEach((f, i) => {
    const bx = x + (i % perRow) * (cw + gap);
    const by = y + Math.floor(i / perRow) * (chh + gap);
    slide.addShape('rect', { x: bx, y: by, w: cw, h: chh, fill: { color: 'F6F8FA' }, line: { color: 'D0D7DE', width: 0.75 } });
    const runs: PptxGenJS.TextProps[] = [
      { text: f.label, options: { fontSize: 10, color: MUTED, breakLine: true } },
      { text: f.cell.text, options: { fontSize: 22, bold: true, color: f.cell.protected ? MUTED : FG, breakLine: Boolean(f.change) } },
    ];
    if (f.change) runs.push({ text: f.change, options: { fontSize: 9, color: MUTED } });
    slide.addText(runs, { x: bx + 0.05, y: by, w: cw - 0.1, h: chh, fontFace: FONT, valign: 'top', fit: 'shrink', margin: 4 });
  });
  const below = y + rowCount * (chh + gap);
  // Protected figures say so in words next to them, so nobody reads them as missing data.
  if (figures.some((f) => f.cell.protected)) {
    slide.addText(`<${threshold} och skyddat: färre än ${threshold} hushåll (eller beräknat ur en sådan grupp)`, { x, y: below, w, h: 0.3, fontFace: FONT, fontSize: 10, italic: true, color: MUTED });
    return below + 0.35;
  }
  return below + 0.05;
}

/** Axis scale and number format for a chart's values (kr in tkr or mnkr so ticks stay short). */
function scaleFor(chart: ReportChart): { factor: number; code: string; unit: string } {
  const max = Math.max(0, ...chart.series!.series.flatMap((s) => s.values.map((v) => Math.abs(v ?? 0))));
  switch (chart.spec.format) {
    case 'percent':
      return { factor: 1, code: '0%', unit: '' };
    case 'kr':
    case 'tkr':
    case 'mnkr':
      return max >= 1e6 ? { factor: 1e-6, code: '#,##0.0', unit: 'mnkr' } : max >= 1e4 ? { factor: 1e-3, code: '#,##0', unit: 'tkr' } : { factor: 1, code: '#,##0', unit: 'kr' };
    default:
      return { factor: 1, code: '#,##0', unit: '' };
  }
}

function addChart(pptx: PptxGenJS, slide: Slide, chart: ReportChart, box: Box, threshold: number): void {
  slide.addText(chart.title, { x: box.x, y: box.y, w: box.w, h: 0.45, fontFace: FONT, fontSize: 13, bold: true, color: FG, fit: 'shrink' });
  const area = { x: box.x, y: box.y + 0.45, w: box.w, h: box.h - 0.45 - (chart.series?.protectedCount ? 0.3 : 0) };
  if (!chart.series || chart.series.labels.length === 0) {
    slide.addText('Inget att visa för det här urvalet.', { ...area, fontFace: FONT, fontSize: 12, color: MUTED });
    return;
  }
  const { factor, code, unit } = scaleFor(chart);
  const data = chart.series.series.map((s) => ({ name: s.name, labels: [...chart.series!.labels], values: s.values.map((v) => (v === null ? null : v * factor)) }));
  const bar = chart.spec.type === 'bar' || chart.spec.type === 'distribution';
  // Groups (not months) read best as horizontal bars: their names stay horizontal and whole.
  const byMonth = chart.spec.x === 'grupp' && /\d{4}$/.test(chart.series.labels[0] ?? '');
  const type = bar ? pptx.ChartType.bar : chart.spec.type === 'area' ? pptx.ChartType.area : pptx.ChartType.line;
  slide.addChart(type, data as PptxGenJS.OptsChartData[], {
    ...area,
    barDir: bar && !byMonth ? ('bar' as const) : ('col' as const),
    // One series is one colour: pptxgenjs would otherwise colour each bar differently.
    chartColors: data.length === 1 ? ['0072B2'] : ['0072B2', 'E69F00', '009E73', 'D55E00', 'CC79A7', '56B4E9'],
    valAxisMinVal: bar ? 0 : undefined,
    // Horizontal bars list categories bottom-up by default; top-down reads like the page's chart.
    // pptxgenjs writes any value into <c:orientation>, though its types list only 'minMax'.
    catAxisOrientation: (bar && !byMonth ? 'maxMin' : 'minMax') as 'minMax',
    showLegend: data.length > 1,
    legendPos: 'b',
    legendFontSize: 11,
    catAxisLabelFontSize: 11,
    valAxisLabelFontSize: 11,
    catAxisLabelColor: MUTED,
    valAxisLabelColor: MUTED,
    valAxisLabelFormatCode: code,
    valAxisTitle: unit,
    showValAxisTitle: unit !== '',
    valAxisTitleFontSize: 11,
    valGridLine: { color: 'E1E4E8', size: 0.5 },
    lineSize: 2,
    lineDataSymbol: 'none' as const,
    catAxisLabelFrequency: String(chart.series.labels.length > 16 ? Math.ceil(chart.series.labels.length / 12) : 1),
    displayBlanksAs: 'gap',
    lang: 'sv-SE',
  } satisfies PptxGenJS.IChartOpts);
  if (chart.series.protectedCount) {
    slide.addText(`${chart.series.protectedCount === 1 ? '1 punkt skyddad' : `${chart.series.protectedCount} punkter skyddade`}: färre än ${threshold} hushåll`, { x: box.x, y: box.y + box.h - 0.3, w: box.w, h: 0.3, fontFace: FONT, fontSize: 10, italic: true, color: MUTED });
  }
}

function cellOf(c: ReportCell, numeric: boolean, header = false): PptxGenJS.TableCell {
  return { text: c.text, options: { align: numeric ? 'right' : 'left', bold: header, color: c.protected ? MUTED : FG, italic: c.protected } };
}

function addTable(slide: Slide, table: ReportTable, box: Box): void {
  slide.addText(table.title, { x: box.x, y: box.y, w: box.w, h: 0.45, fontFace: FONT, fontSize: 13, bold: true, color: FG, fit: 'shrink' });
  const numeric = table.columns.map((c) => c.kind !== 'text' && c.kind !== 'month');
  const shown = table.rows.slice(0, MAX_ROWS);
  const header: PptxGenJS.TableCell[] = table.columns.map((c, j) => ({ text: c.label, options: { bold: true, align: numeric[j] ? 'right' : 'left', fill: { color: 'F6F8FA' } } }));
  const body = shown.map((row) => row.map((c, j) => cellOf(c, numeric[j]!)));
  const notes = [...(table.notes ?? []), ...(table.rows.length > MAX_ROWS ? [`Visar ${MAX_ROWS} av ${table.rows.length} rader; hela tabellen finns i Excel-exporten.`] : [])];
  const noteH = notes.length ? 0.35 : 0;
  const fontSize = shown.length > 10 || box.w < 4 ? 10 : 12;
  // The first (label) column gets the room: long post names would otherwise wrap into many lines.
  const first = table.columns.length > 1 ? box.w * 0.6 : box.w;
  const colW = table.columns.map((_, j) => (j === 0 ? first : (box.w - first) / (table.columns.length - 1)));
  slide.addTable([header, ...body], { x: box.x, y: box.y + 0.45, w: box.w, colW, fontFace: FONT, fontSize, color: FG, border: { type: 'solid', pt: 0.5, color: 'D0D7DE' }, margin: 0.04, autoPage: false });
  if (notes.length) slide.addText(notes.join(' '), { x: box.x, y: box.y + box.h - noteH, w: box.w, h: noteH, fontFace: FONT, fontSize: 10, italic: true, color: MUTED, fit: 'shrink' });
}
