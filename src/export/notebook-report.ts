/**
 * A notebook as shown (its inputs, filters and crossfilter selection) turned into report sections:
 * what presentation mode, the PPTX writer and the spreadsheet writers read. A section starts at every
 * heading of level 1 or 2 in a text cell; what comes before the first one is the report's introduction.
 * SQL, metric and input cells are working steps and never appear; their values appear as the period and
 * filters in the context. Every figure goes through the small-count rules (src/format/suppression.ts).
 */
import type { Cell, ChartCell, ChartSpec, InputCell, InputValue, Notebook, RuntimeSnapshot } from '../notebooks/index.ts';
import { GLOBAL_FILTERS } from '../notebooks/index.ts';
import type { ReportContext, ReportFigure, ReportTable } from '../format/report.ts';
import { DEFAULT_THRESHOLD } from '../format/suppression.ts';
import { formatMonth } from '../format/sv.ts';
import { markdownBlocks, type TextBlock } from './markdown-text.ts';
import { chartSeries, kpiFigure, resultTable, smallestReportGroup, type ChartSeries, type PartOptions } from './result-protection.ts';
import { isTable } from './result-data.ts';
import { chartCellTable } from './notebook-tables.ts';

/** A chart in a section: its cell (so the page can draw it live) and its protected series for native charts. */
export interface ReportChart {
  readonly cell: string;
  readonly title: string;
  readonly spec: ChartSpec;
  /** Null when the chart has nothing to draw yet. */
  readonly series: ChartSeries | null;
  /**
   * The chart's data for spreadsheets, protected: months as months, the group's households, and "–"
   * (not "skyddat") where a figure cannot be computed. Same table as the chart's own download button.
   */
  readonly data?: ReportTable | null;
}

/** One part of a section, in the notebook's order. */
export type ReportBlock =
  | { readonly kind: 'figures'; readonly figures: readonly ReportFigure[] }
  | { readonly kind: 'chart'; readonly chart: ReportChart }
  | { readonly kind: 'table'; readonly table: ReportTable }
  | { readonly kind: 'text'; readonly text: TextBlock };

/** One slide, one printed page. */
export interface ReportSection {
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
  /** Speaker notes (```notes blocks in the section's text). */
  readonly notes: readonly string[];
}

export interface NotebookReport {
  readonly context: ReportContext;
  readonly description: string;
  /** Prose before the first section heading (on the title slide). */
  readonly intro: readonly TextBlock[];
  readonly sections: readonly ReportSection[];
}

/** What the host knows that the notebook does not. */
export interface ReportOptions {
  /** Data file as the user knows it. */
  readonly dataFile: string;
  readonly generatedAt?: string;
  readonly threshold?: number;
  /** Fallback period (the data's months) when the notebook has no period input. */
  readonly dataPeriod?: string;
  readonly definitions?: ReportContext['definitions'];
}

const FILTER_LABEL: Record<string, string> = { enhet: 'Enhet', hushallstyp: 'Hushållstyp', forsorjningshinder: 'Försörjningshinder', barn: 'Barn i hushållet' };

/** An input's value in words, or null when it does not restrict anything. */
export function describeValue(value: InputValue | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'object' && !Array.isArray(value) && 'from' in value) return periodText(value.from, value.to);
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  if (typeof value === 'boolean') return value ? 'ja' : null;
  return String(value);
}

/** "mars 2023 – september 2023", or one month in words. */
export function periodText(from: string, to: string): string {
  return from === to ? formatMonth(from) : `${formatMonth(from)} – ${formatMonth(to)}`;
}

/** Active filters and selections in words, e.g. "Enhet: Söder"; the period is reported on its own. */
export function filterTexts(inputs: ReadonlyMap<string, InputCell>, values: Readonly<Record<string, InputValue>>): string[] {
  const out: string[] = [];
  const names = [...GLOBAL_FILTERS.filter((f) => f !== 'period' && inputs.has(f)), ...[...inputs.keys()].filter((n) => !(GLOBAL_FILTERS as readonly string[]).includes(n))];
  for (const name of names) {
    const cell = inputs.get(name)!;
    const text = describeValue(values[name]);
    if (text !== null) out.push(`${cell.spec.label ?? FILTER_LABEL[name] ?? name}: ${text}`);
  }
  return out;
}

/**
 * The report's context (title, period, filters, data file) from the input values alone: cheap, so the
 * page's printed line can follow every update without building the whole report (issue 11).
 */
export function reportContext(notebook: Notebook, inputValues: Readonly<Record<string, InputValue>>, options: ReportOptions): ReportContext {
  const inputs = new Map(notebook.cells.filter((c): c is InputCell => c.kind === 'input').map((c) => [c.name, c]));
  return {
    title: notebook.meta.title || 'Rapport',
    dataFile: options.dataFile,
    period: describeValue(inputValues['period']) ?? options.dataPeriod ?? 'hela datamängden',
    filters: filterTexts(inputs, inputValues),
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    threshold: options.threshold ?? DEFAULT_THRESHOLD,
    definitions: options.definitions ?? [],
  };
}

/** Builds the report of `notebook` under `snapshot`'s input values and results. */
export function buildNotebookReport(notebook: Notebook, snapshot: RuntimeSnapshot, options: ReportOptions): NotebookReport {
  const context = reportContext(notebook, snapshot.inputs, options);
  const threshold = context.threshold;

  const intro: TextBlock[] = [];
  const sections: { title: string; blocks: ReportBlock[]; notes: string[] }[] = [];
  const current = () => sections[sections.length - 1];
  const push = (block: ReportBlock) => {
    const s = current();
    if (!s) {
      if (block.kind === 'text') intro.push(block.text);
      return;
    }
    // KPI figures that follow one another share one block, as they share a row on the page.
    const last = s.blocks[s.blocks.length - 1];
    if (block.kind === 'figures' && last?.kind === 'figures') s.blocks[s.blocks.length - 1] = { kind: 'figures', figures: [...last.figures, ...block.figures] };
    else s.blocks.push(block);
  };

  const reportGroupSize = reportGroupOf(notebook, snapshot);
  for (const cell of notebook.cells) {
    if (cell.kind === 'text') {
      for (const block of markdownBlocks(cell.markdown)) {
        if (block.kind === 'heading' && block.depth <= 2) sections.push({ title: block.text, blocks: [], notes: [] });
        else if (block.kind === 'notes') current()?.notes.push(block.text);
        else push({ kind: 'text', text: block });
      }
      continue;
    }
    const block = cellBlock(cell, snapshot, { threshold, reportGroupSize });
    if (block) push(block);
  }
  return { context, description: notebook.meta.description, intro, sections };
}

/** The report block of a chart cell; other cells (SQL, metric, input, simulation, errors) give none. */
function cellBlock(cell: Cell, snapshot: RuntimeSnapshot, options: PartOptions): ReportBlock | null {
  if (cell.kind !== 'chart') return null;
  const result = snapshot.cells[cell.name]?.result;
  const table = isTable(result) ? result : null;
  const title = cell.spec.title ?? cell.name;
  if (cell.spec.type === 'kpi') return table ? { kind: 'figures', figures: [kpiFigure(cell.spec, table, options)] } : null;
  if (cell.spec.type === 'table') return table ? { kind: 'table', table: resultTable(cell.spec, table, options) } : null;
  return { kind: 'chart', chart: { cell: cell.name, title, spec: cell.spec, series: table ? chartSeries(cell.spec, table, options) : null, data: table ? chartCellTable(cell.spec, table, options) : null } };
}

/**
 * The fewest households in any month of the filtered report, read from the KPI cards' data (the report's
 * own group, e.g. "Fyran" alone), as the page reads it (result-protection.ts).
 */
export function reportGroupOf(notebook: Notebook, snapshot: RuntimeSnapshot): number | null {
  return smallestReportGroup(notebook.cells.filter((c): c is ChartCell => c.kind === 'chart' && c.spec.type === 'kpi').map((c) => snapshot.cells[c.name]?.result));
}

/**
 * Every table of the report for a spreadsheet: per section its KPI figures (figure, value, change),
 * its tables, and each chart's data (protected as the chart is, see notebook-tables.ts).
 */
export function reportTables(report: NotebookReport): ReportTable[] {
  const out: ReportTable[] = [];
  for (const section of report.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'figures') {
        out.push({
          title: `${section.title}: nyckeltal`,
          // Figures of different kinds (kr, %, counts) share the column, so it holds their shown text.
          columns: [{ label: 'Nyckeltal', kind: 'text' }, { label: 'Värde', kind: 'text' }, { label: 'Förändring', kind: 'text' }],
          rows: block.figures.map((f) => [{ value: f.label, text: f.label, protected: false }, f.cell, { value: f.change ?? '', text: f.change ?? '', protected: false }]),
        });
      } else if (block.kind === 'table') out.push(block.table);
      else if (block.kind === 'chart' && block.chart.data && block.chart.data.rows.length > 0) out.push(block.chart.data);
    }
  }
  return out;
}
