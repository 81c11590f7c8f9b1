/** Public API of the metrics layer: prepare once, then build queries or the report. */
export { prepareMetrics, publishModel, tableNames, DEFAULT_GAP, DEFAULT_WINDOW, HM_TABLE, PERIOD_TABLE, FILTER_VALUES_TABLE, FILTER_VALUE_COLUMNS } from './prepare.ts';
export { filterSql, valuesNotInData, type FilterSqlOptions, type MonthColumn } from './filters.ts';
export { filtersFromParams, filtersToParams, periodParam, parsePeriodParam, parseBarnParam } from './filter-params.ts';
export { householdMonthsSql, veryLongTermSql, longTermSql, LONG_TERM_MONTHS, VERY_LONG_TERM_MONTHS } from './household-queries.ts';
export { flowSql, durationSql, durationDistributionSql, reactivationSql } from './period-queries.ts';
export { computeReport, reportFromModel, type Report, type MonthlyRow, type YearlyRow, type ReportOptions } from './report.ts';
export { kpis, type KpiValue } from './kpis.ts';
export { COMPARABLE_DURATION_MONTHS, comparableDurationFrom, isDurationBiased } from './duration-bias.ts';
export { METRIC_DEFINITIONS, metricDefinition, type MetricDefinition, type MetricId, type MetricUnit } from './definitions.ts';
export { MetricsInputError, validateSource } from './validate.ts';
export { runMetric, rowsOf, CONSOLE_EXAMPLE_QUERY } from './run.ts';
export { MISSING_LABEL } from './scope.ts';
export { toMonthIndex, fromMonthIndex } from './month.ts';
export type { MetricFilters, Grouping, MetricsModel, MetricsTables, PrepareOptions, OptionalColumns } from './types.ts';
export { loadTargetGroups, targetGroupSql, shareValue, groupAt, MIN_HOUSEHOLDS, type TargetGroup } from './target-groups.ts';
export { loadFilterOptions, type FilterOptions } from './filter-options.ts';
export { calibrateBaseline, calibrateBaselineDetail, type Calibration, type CalibrationDetail, type CalibrationOptions } from './calibration.ts';
export { loadMetricsPage, type MetricsPageData } from './page-data.ts';
export {
  buildFirstScreens, toFirstScreens, matchesData, matchesModel, matchesParams, metricsPageOf, snapshotPathFor, sha256Hex,
  type FirstScreens, type DataFingerprint, type SnapshotParams, type OverviewFigures,
} from './snapshot.ts';
export { loadMonthCube, warmMonthCube, selectionWarmer, cubeHouseholdMonths, cubeVeryLongTerm, type MonthCube, type CubeAnswer } from './month-cube.ts';
export { loadPreparedData, type PreparedLoad } from './prepared-load.ts';
export { PreparedMismatchError, type PreparedManifest } from './prepared.ts';
