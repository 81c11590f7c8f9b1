import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readScenarioJson, scenarioPath } from '../simulation/test-helpers.ts';

const cli = fileURLToPath(new URL('./simulate.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('npm run simulate -- <scenario.json> [--data <file>] [--json]', () => {
  it('--json prints {scenario, months, summary} with the issue\'s field names', () => {
    const { code, stdout } = run(scenarioPath('exempel-1-tidsbesparing.json'), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { scenario: unknown; months: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(out)).toEqual(['scenario', 'months', 'summary']);
    expect(Object.keys(out.months[0]!)).toEqual([
      'month', 'households', 'baselineHouseholds', 'cases', 'automatedCases', 'manualCases', 'timeSaving', 'hoursBaseline', 'hours',
      'freedHours', 'reinvestedHours', 'fteBaseline', 'fte', 'feesKr', 'licencesKr', 'automationCostKr', 'paymentsKr', 'baselinePaymentsKr', 'netSavingsKr',
      'cumulativeNetSavingsKr',
    ]);
    expect(out.months[0]!.hours).toBe(113.25);
    expect(out.summary.paybackMonth).toBeNull();
  });

  it('--json includes handling.reinvestedShare and reinvestedHours; reinvested hours are not valued in kr', () => {
    const json = readScenarioJson('exempel-1-tidsbesparing.json') as { handling: Record<string, unknown> };
    json.handling.reinvestedShare = 0.5;
    const { code, stdout } = run(writeJson('aterinvest.json', json), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { scenario: { handling: Record<string, number> }; months: Record<string, number>[] };
    expect(out.scenario.handling.reinvestedShare).toBe(0.5);
    expect(out.months[0]!.freedHours).toBe(339.75);
    expect(out.months[0]!.reinvestedHours).toBe(169.875);
    // 339,75 h × (1 − 0,5) × 58 000 kr ÷ 160 h = 61 579,6875 kr (no automation cost in example 1)
    expect(out.months[0]!.netSavingsKr).toBeCloseTo(61_579.6875, 6);
    const table = run(writeJson('aterinvest.json', json));
    expect(table.stdout).toContain('50\u00a0% av den frigjorda tiden');
  });

  it('with uncertainty adds p10/p50/p90 and the payback probability', () => {
    const { code, stdout } = run(scenarioPath('forsiktig.json'), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { months: Record<string, number>[]; summary: { paybackProbability: number } };
    const last = out.months.at(-1)!;
    expect(last.cumulativeNetSavingsKrP10).toBeLessThan(last.cumulativeNetSavingsKrP90!);
    expect(last.householdsP50).toBeGreaterThan(0);
    expect(out.summary.paybackProbability).toBeGreaterThan(0);
  });

  it('without --json prints a Swedish table with sv-SE figures', () => {
    const { code, stdout } = run(scenarioPath('exempel-2-avgifter.json'));
    expect(code).toBe(0);
    expect(stdout).toContain('januari 2026');
    expect(stdout).toContain('113,25');
    expect(stdout).toContain('45\u00a0300\u00a0kr');
    expect(stdout).toContain('543\u00a0600\u00a0kr');
  });

  it.each<[string, () => string[], string]>([
    [
      'an out-of-range field',
      () => {
        const json = readScenarioJson('bas.json') as { automation: Record<string, unknown> };
        json.automation.digitalShare = 1.4;
        return [writeJson('fel.json', json)];
      },
      'automation.digitalShare: 1,4 ligger utanför tillåtet intervall 0–1',
    ],
    ['a missing file', () => [join(dir, 'finns-inte.json')], 'Kan inte läsa scenariofilen'],
    ['broken JSON', () => [(writeFileSync(join(dir, 'trasig.json'), '{ "name": '), join(dir, 'trasig.json'))], 'är inte giltig JSON'],
    ['no arguments', () => [], 'Ange en scenariofil'],
    ['an unknown flag', () => [scenarioPath('bas.json'), '--csv'], 'Okänd flagga --csv'],
    [
      'calibrate without --data',
      () => [writeJson('kal.json', { ...readScenarioJson('bas.json'), baseline: { calibrate: true } })],
      'baseline.calibrate: scenariot ska kalibreras från fall-data; ange --data <fil>',
    ],
  ])('refuses %s with exit code 1 and a Swedish message', (_label, args, message) => {
    const { code, stdout, stderr } = run(...args());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('--data calibrates the baseline from a CSV of case data', () => {
    // 40 months; every month 10 new households that stay 4 months at 9 000 kr: inflow 10, D = 4, 40 households.
    const rows = ['hushall_id,manad,utbetalt_kr'];
    for (let c = 0; c < 40; c++) {
      for (let i = 0; i < 10; i++) {
        for (let k = 0; k < 4 && c + k < 40; k++) {
          const m = c + k;
          rows.push(`h${c}_${i},${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')},9000`);
        }
      }
    }
    const data = join(dir, 'utbetalningar.csv');
    writeFileSync(data, rows.join('\n'));
    const scenario = writeJson('kalibrera.json', { ...readScenarioJson('bas.json'), baseline: { calibrate: true }, uncertainty: undefined });
    const { code, stdout, stderr } = run(scenario, '--data', data, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { scenario: { baseline: Record<string, unknown> } };
    expect(out.scenario.baseline.households).toBe(40);
    expect(out.scenario.baseline.paymentPerHouseholdKr).toBe(9000);
    expect(out.scenario.baseline.meanDurationMonths as number).toBeCloseTo(4, 9);
    expect(out.scenario.baseline.calibrated).toBe(true);
  });
});
