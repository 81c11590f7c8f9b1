import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { calibrateBaseline } from '../metrics/calibration.ts';
import { prepareMetrics } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { parseScenario, simulate, type SimulationResult } from '../simulation/index.ts';
import { defaultInputValue } from './input-values.ts';
import { parseNotebook } from './parse.ts';
import { withScenarioDefaults } from './scenario-overrides.ts';
import { runSimulationCell } from './simulation-cell.ts';
import type { InputValue, JsonValue, Notebook } from './types.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const bas = JSON.parse(read('../../scenarios/bas.json')) as JsonValue;
const files = (name: string) => (name === 'bas' ? bas : undefined);
const scenarier = parseNotebook(read('./builtin/scenarier.md'));

/** The simulation cell's overrides at the inputs' start values, as the runtime builds them. */
function overridesAtDefaults(nb: Notebook): Record<string, InputValue> {
  const inputs = new Map(nb.cells.flatMap((c) => (c.kind === 'input' ? [[c.name, c] as const] : [])));
  const sim = nb.cells.find((c) => c.kind === 'simulation')!;
  if (sim.kind !== 'simulation') throw new Error('no simulation cell');
  return Object.fromEntries(Object.entries(sim.spec.set).map(([path, input]) => [path, defaultInputValue(inputs.get(input)!.spec)]));
}

describe('withScenarioDefaults(notebook, scenarioFile)', () => {
  it('starts the Scenarier notebook’s sliders at bas.json’s values (e-tjänst 74 %, not a copy of its own)', () => {
    // By hand from scenarios/bas.json: ramp [[4, 0.4], [8, 0.8]], digitalShare 0.74, 0.5 months, 0 staff cut.
    expect(overridesAtDefaults(withScenarioDefaults(scenarier, files))).toEqual({
      'automation.ramp.1.1': 0.8,
      'automation.digitalShare': 0.74,
      'effects.durationReductionMonths': 0.5,
      'handling.staffCostReductionShare': 0,
    });
  });

  it('keeps a slider’s own default and leaves unknown files alone', () => {
    const nb = parseNotebook('```input x\ntype: slider\nmin: 0\nmax: 1\ndefault: 0.3\n```\n\n```input y\ntype: slider\nmin: 0\nmax: 1\n```\n\n```simulation s\nscenario: saknas\nset.a: x\nset.b: y\n```\n');
    expect(overridesAtDefaults(withScenarioDefaults(nb, files))).toEqual({ a: 0.3, b: 0 });
  });
});

describe('the Scenarier notebook and the Scenarier page compute the same thing at their defaults', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(`CREATE TABLE utbetalningar AS SELECT * FROM read_parquet('data/utbetalningar.parquet')`);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  const cost2026 = (r: SimulationResult) => r.summary.years.find((y) => y.year === 2026);

  it('gives the same 2026 figures as bas.json simulated directly (the page’s path)', async () => {
    const page = simulate(parseScenario(bas, await calibrateBaseline(db, { model })));
    const notebook = (await runSimulationCell(db, model, { cell: 'resultat', scenarioFile: 'bas', overrides: overridesAtDefaults(withScenarioDefaults(scenarier, files)) }, files)) as SimulationResult;
    expect(cost2026(page)).toBeDefined();
    expect(cost2026(notebook)).toEqual(cost2026(page));
    // The old notebook's own 75 % gave other figures: the comparison can fail.
    const old = (await runSimulationCell(db, model, { cell: 'resultat', scenarioFile: 'bas', overrides: { 'automation.digitalShare': 0.75 } }, files)) as SimulationResult;
    expect(cost2026(old)).not.toEqual(cost2026(page));
  });
});
