/** Shared types of the metrics layer: filters, groupings and the prepared model. */

/** Attribute filters; an absent or empty list means "all". Months are `YYYY-MM`, inclusive. */
export interface MetricFilters {
  from?: string;
  to?: string;
  enhet?: readonly string[];
  hushallstyp?: readonly string[];
  forsorjningshinder?: readonly string[];
  /** `med` = antal_barn > 0, `utan` = antal_barn = 0 (rows without antal_barn match neither). */
  barn?: 'med' | 'utan';
}

/** Time groupings, attribute groupings, or `total` (one row for the whole filtered range). */
export type Grouping = 'month' | 'quarter' | 'year' | 'enhet' | 'hushallstyp' | 'forsorjningshinder' | 'barn' | 'total';

/** The groupings that are a time bucket. */
export const TIME_GROUPINGS: readonly Grouping[] = ['month', 'quarter', 'year', 'total'];

/** Optional contract columns; each flag says whether the source has it. */
export interface OptionalColumns {
  forsorjningsstod_kr: boolean;
  hushallstyp: boolean;
  antal_vuxna: boolean;
  antal_barn: boolean;
  forsorjningshinder: boolean;
  enhet: boolean;
  kanal: boolean;
  handlingsplan: boolean;
}

/** Options for `prepareMetrics`. */
export interface PrepareOptions {
  /** G: a run of fewer than G months without payment does not break a period (default 3). */
  gap?: number;
  /** W: follow-up window for återaktualisering, in months (default 12). */
  window?: number;
  /** Source table with the contract's columns (default `utbetalningar`). */
  source?: string;
}

/**
 * Names of the derived tables of one model. They are named by the model's source and G (e.g.
 * `perioder_g3`), so models with different parameters live side by side and a model's tables are
 * never rebuilt by a call for other parameters (W changes queries only, not tables).
 */
export interface MetricsTables {
  /** Paid household-months (`hid`, `mi`, amounts, attributes, period number `nr`, period start `ps`). */
  readonly hm: string;
  /** One row per period (spell). */
  readonly periods: string;
  /** Household text id ↔ dense integer `hid`. */
  readonly ids: string;
  /** Distinct source `manad` ↔ month index `mi`. */
  readonly months: string;
  /** Pre-aggregates (aggregates.ts): per month × attributes, per household × year, långvarigt per year. */
  readonly monthAgg: string;
  readonly householdYear: string;
  readonly longTerm: string;
}

/**
 * What `prepareMetrics` derived: parameters, the names of its tables, data coverage (month indexes,
 * over the whole table, zero-amount rows included) and which optional columns exist. Queries built
 * from a model read only its own tables.
 */
export interface MetricsModel {
  readonly source: string;
  readonly gap: number;
  readonly window: number;
  readonly tables: MetricsTables;
  /** First and last month present in the source table (month index, see month.ts). */
  readonly firstMonth: number;
  readonly lastMonth: number;
  readonly columns: OptionalColumns;
}
