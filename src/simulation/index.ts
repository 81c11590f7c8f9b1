/**
 * Public API of the simulation: pure functions over plain data, no DOM, Svelte or DuckDB,
 * so the same calls run in a Web Worker, in Node and in tests.
 */
export { simulate, simulateColumns, scenarioWarnings } from './simulate.ts';
export { monteCarlo, type Band, type MonteCarloResult } from './monte-carlo.ts';
export { sensitivity, fieldLabel, DEFAULT_SENSITIVITY_PATHS, type SensitivityField, type SensitivityItem } from './sensitivity.ts';
export { checkScenarioFile, parseScenarioFile, ScenarioError, ScenarioFileSchema, type ScenarioFile } from './scenario.ts';
export { parseScenario, resolveScenario, type BaselineCalibration } from './resolve.ts';
export { rampAt } from './ramp.ts';
export { meanDuration } from './caseload.ts';
export { NUMERIC_FIELDS, findField, type NumericField } from './fields.ts';
export type { EffectParts, MonthResult, RampPoint, Scenario, SimulationResult, Summary, Uncertainty, YearSummary } from './types.ts';
export { ASSUMPTIONS, findAssumption, roundToStep, type Assumption } from './assumptions.ts';
export { editScenario, runEdited, deterministic, valueAt, type ScenarioEdits, type Outcome } from './scenario-edit.ts';
export { getAtPath, setAtPath } from './dot-path.ts';
