/**
 * The notebook model: what a notebook file parses to and serialises from.
 * Plain data only (no classes), so a notebook can be cloned, diffed, stored in IndexedDB and deep-compared.
 */

/** Number formats a chart or slider can ask for; each maps to one function in `src/format/sv.ts`. */
export const FORMATS = ['kr', 'tkr', 'mnkr', 'count', 'percent'] as const;
/** One of `FORMATS`. */
export type Format = (typeof FORMATS)[number];

/** Chart types the chart layer draws. */
export const CHART_TYPES = ['line', 'bar', 'area', 'table', 'kpi', 'distribution'] as const;
/** One of `CHART_TYPES`. */
export type ChartType = (typeof CHART_TYPES)[number];

/** Input types a notebook can declare. */
export const INPUT_TYPES = ['period', 'select', 'multiselect', 'slider', 'toggle'] as const;
/** One of `INPUT_TYPES`. */
export type InputType = (typeof INPUT_TYPES)[number];

/** Front matter of a notebook file. */
export interface NotebookMeta {
  readonly title: string;
  readonly description: string;
  /** Any other `key: value` lines, kept in file order so nothing a user wrote is lost. */
  readonly extra: Readonly<Record<string, string>>;
}

/** A problem outside any cell (front matter), with its 1-based line number. */
export interface NotebookProblem {
  readonly line: number;
  readonly message: string;
}

/** A parsed notebook: front matter and cells in file order. */
export interface Notebook {
  readonly meta: NotebookMeta;
  readonly cells: readonly Cell[];
  readonly problems: readonly NotebookProblem[];
}

/** Markdown prose between fenced cells. */
export interface TextCell {
  readonly kind: 'text';
  readonly markdown: string;
}

/** A named SQL query; other cells read its result by name. */
export interface SqlCell {
  readonly kind: 'sql';
  readonly name: string;
  readonly sql: string;
}

/** What a chart draws and from which cell's result. */
export interface ChartSpec {
  readonly type: ChartType;
  /** Name of the SQL (or simulation) cell whose result is drawn. */
  readonly data: string;
  readonly x?: string;
  readonly y?: string;
  readonly series?: string;
  /** KPI: column holding the value to compare with (previous month, last year). */
  readonly compare?: string;
  readonly format?: Format;
  readonly title?: string;
  /** Crossfilter: the input this chart's brush or click writes to. Not a dependency. */
  readonly select?: string;
}

/** A chart cell. */
export interface ChartCell {
  readonly kind: 'chart';
  readonly name: string;
  readonly spec: ChartSpec;
}

/** A month range; months are `YYYY-MM`. */
export interface PeriodValue {
  readonly from: string;
  readonly to: string;
}

/** The value an input holds. */
export type InputValue = PeriodValue | string | null | readonly string[] | number | boolean;

/** Period input: a range of months. */
export interface PeriodInputSpec {
  readonly type: 'period';
  readonly label?: string;
  readonly from: string;
  readonly to: string;
}

/** Select / multiselect: fixed `options`, or the distinct values of `column` in table or cell `from`. */
export interface ChoiceInputSpec {
  readonly type: 'select' | 'multiselect';
  readonly label?: string;
  readonly options?: readonly string[];
  readonly column?: string;
  /** Table or SQL cell to read `column` from; `utbetalningar` when absent. */
  readonly from?: string;
  /** select: one value or absent (= alla); multiselect: a list (empty = alla). */
  readonly default?: string | readonly string[];
}

/** Slider over a number range. */
export interface SliderInputSpec {
  readonly type: 'slider';
  readonly label?: string;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  /**
   * Start value. Left out when a simulation cell binds the slider (`set.<path>: name`) to a scenario
   * file: the file's value is then the start value (withScenarioDefaults), so the notebook and the
   * Scenarier page never carry two copies of one default. Without either it starts at `min`.
   */
  readonly default?: number;
  readonly format?: Format;
}

/** On/off switch. */
export interface ToggleInputSpec {
  readonly type: 'toggle';
  readonly label?: string;
  readonly default: boolean;
}

/** Any input specification. */
export type InputSpec = PeriodInputSpec | ChoiceInputSpec | SliderInputSpec | ToggleInputSpec;

/** An input cell; its value lives in the runtime, its spec here. */
export interface InputCell {
  readonly kind: 'input';
  readonly name: string;
  readonly spec: InputSpec;
}

/** JSON data, for inline scenarios. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A simulation: a scenario (file name or inline JSON) with parameters bound to inputs. */
export interface SimulationSpec {
  /** Scenario file name in `scenarios/` (without `.json`). */
  readonly scenario?: string;
  /** `scenario: ${name}`: the select input whose value names the file (see `scenarioFileName`); `ingen` = none. */
  readonly scenarioInput?: string;
  /**
   * `forecast: period.to` (or a select of months): a full-year forecast from that month: the scenario
   * restarts the month after with a baseline calibrated from data up to it (see `sim-forecast.ts`).
   */
  readonly forecast?: string;
  /** Inline scenario, used when no file is named. */
  readonly inline?: JsonValue;
  /** Dot path in the scenario → name of the input whose value replaces it. */
  readonly set: Readonly<Record<string, string>>;
  readonly title?: string;
}

/** A simulation cell. */
export interface SimulationCell {
  readonly kind: 'simulation';
  readonly name: string;
  readonly spec: SimulationSpec;
}

/** Metric families a metric cell can ask the metrics layer (`src/metrics/`) for; one builder each. */
export const METRIC_MEASURES = ['households', 'flow', 'duration', 'reactivation', 'longTerm', 'veryLongTerm'] as const;
/** One of `METRIC_MEASURES`. */
export type MetricMeasure = (typeof METRIC_MEASURES)[number];

/** Groupings the metrics layer offers (mirrors `Grouping` in src/metrics/types.ts). */
export const METRIC_GROUPINGS = ['month', 'quarter', 'year', 'enhet', 'hushallstyp', 'forsorjningshinder', 'barn', 'total'] as const;
/** One of `METRIC_GROUPINGS`. */
export type MetricGrouping = (typeof METRIC_GROUPINGS)[number];

/** A metric from the metrics layer under the notebook's global filters: definitions stay in one place. */
export interface MetricSpec {
  readonly measure: MetricMeasure;
  readonly grouping: MetricGrouping;
  /** Months added before the period filter's start, e.g. 12 so the same month last year is in the result. */
  readonly extend?: number;
  /** Global filters this metric ignores, e.g. the one its chart selects (crossfilter). */
  readonly exclude?: readonly string[];
}

/** A metric cell; its result is a table like a SQL cell's, and SQL cells can read it by name. */
export interface MetricCell {
  readonly kind: 'metric';
  readonly name: string;
  readonly spec: MetricSpec;
}

/** A cell that failed to parse: its source is kept verbatim so the user can fix it and nothing is lost. */
export interface ErrorCell {
  readonly kind: 'error';
  /** The name from the fence line, when one could be read, so dependants show "blocked by X". */
  readonly name?: string;
  /** 1-based line of the problem in the file. */
  readonly line: number;
  readonly message: string;
  /** The cell's exact text, fences included. */
  readonly source: string;
}

/** Any cell. */
export type Cell = TextCell | SqlCell | MetricCell | ChartCell | InputCell | SimulationCell | ErrorCell;

/** Cells that have a name and take part in the dependency graph. */
export type NamedCell = SqlCell | MetricCell | ChartCell | InputCell | SimulationCell | (ErrorCell & { readonly name: string });

/** Guard for cells that carry a name. */
export function isNamedCell(cell: Cell): cell is NamedCell {
  return cell.kind !== 'text' && typeof cell.name === 'string';
}

/** The global filters every SQL cell can honour through `${filters}`, in expansion order. */
export const GLOBAL_FILTERS = ['period', 'enhet', 'hushallstyp', 'forsorjningshinder', 'barn'] as const;

/** Names a cell may not take because the SQL template language reserves them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['filters']);

/**
 * Cell and input names: letters (å, ä, ö and other Unicode letters too, since a förvaltningschef names
 * a cell "förändring"), digits and `_`, not starting with a digit. They work in `${name}`, in links
 * (percent-encoded) and as SQL identifiers, which compile.ts always quotes.
 */
export const NAME_PATTERN = /^[\p{L}_][\p{L}\p{N}_]*$/u;
