/** Public API of the notebook core, for the UI: format, graph, runtime, editing, URL state, Markdown. */
export * from './types.ts';
export { parseNotebook, parseCell, CELL_KINDS } from './parse.ts';
export { serializeNotebook, serializeCell } from './serialize.ts';
export { buildGraph, indexNotebook, type CellGraph, type CellNode } from './graph.ts';
export { compileCell, compileSql, compileMetric, cteName, type CompileScope } from './compile.ts';
export { scanSqlRefs, SqlRefError, type SqlRef } from './sql-refs.ts';
export { filtersSql, FILTER_COLUMNS, BARN_CHOICES } from './filters.ts';
export { defaultInputValue, inputValueProblem, sameInputValue } from './input-values.ts';
export { createRuntime, type Runtime, type RuntimeHost, type RuntimeSnapshot, type CellState, type CellStatus, type SimulationRequest } from './runtime.ts';
export { applyOverrides } from './scenario-overrides.ts';
export { rebaseScenario, yearForecast, forecastMethod, forecastMonth, scenarioFileName, remainingMonths, nextMonth, effectStartMonth, type YearForecast, type SimulatedMonth } from './sim-forecast.ts';
export { addCell, editCell, moveCell, deleteCell, editMeta, uniqueName, createHistory, record, apply, undo, redo, type History } from './history.ts';
export { encodeState, decodeState } from './url-state.ts';
export { renderMarkdown, escapeHtml, isSafeUrl, type Sanitizer } from './markdown.ts';
export { parseMetricBody, serializeMetricBody, toMetricFilters, metricCellSql } from './metric-cell.ts';
