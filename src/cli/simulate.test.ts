import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readScenarioJson, scenarioPath } from '../simulation/test-helpers.ts';
import { main } from './simulate.ts';
import { capture, spawnCli } from './test-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'));

const run = (...args: string[]) => capture((io) => main(args, io));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('npm run simulate -- <scenario.json> [--data <file>] [--json]', () => {
  it('--json prints {scenario, months, summary} with the issue\'s field names', async () => {
    const { code, stdout } = await run(scenarioPath('exempel-1-tidsbesparing.json'), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { scenario: unknown; months: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(out)).toEqual(['scenario', 'months', 'summary']);
    expect(Object.keys(out.months[0]!)).toEqual([
      'month', 'households', 'baselineHouseholds', 'cases', 'automatedCases', 'manualCases', 'timeSaving', 'hoursBaseline', 'hours',
      'freedHours', 'reinvestedHours', 'fteBaseline', 'fte', 'feesKr', 'licencesKr', 'automationCostKr', 'paymentsKr', 'baselinePaymentsKr',
      'paymentSavingsKr', 'freedTimeValueKr', 'staffCostSavingsKr', 'budgetEffectKr', 'cumulativeBudgetEffectKr', 'netSavingsKr',
      'cumulativeNetSavingsKr',
    ]);
    expect(out.months[0]!.hours).toBe(113.25);
    // Example 1 has no costs and no effect on payments: its freed time is worth 123 159,375 kr a month, none of it cash.
    expect(out.months[0]!.freedTimeValueKr).toBeCloseTo(123_159.375, 6);
    expect(out.months[0]!.budgetEffectKr).toBe(0);
    expect(out.summary.paybackMonth).toBeNull();
    expect(Object.keys(out.summary)).toEqual(
      expect.arrayContaining(['paybackMonth', 'paybackMonthInclFreedTime', 'years', 'effectParts', 'warnings']),
    );
  });

  it('--json includes handling.reinvestedShare and reinvestedHours; reinvested hours are not valued in kr', async () => {
    const json = readScenarioJson('exempel-1-tidsbesparing.json') as { handling: Record<string, unknown> };
    json.handling.reinvestedShare = 0.5;
    const { code, stdout } = await run(writeJson('aterinvest.json', json), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { scenario: { handling: Record<string, number> }; months: Record<string, number>[] };
    expect(out.scenario.handling.reinvestedShare).toBe(0.5);
    expect(out.months[0]!.freedHours).toBe(339.75);
    expect(out.months[0]!.reinvestedHours).toBe(169.875);
    // 339,75 h × (1 − 0,5) × 58 000 kr ÷ 160 h = 61 579,6875 kr (no automation cost in example 1)
    expect(out.months[0]!.netSavingsKr).toBeCloseTo(61_579.6875, 6);
    const table = await run(writeJson('aterinvest.json', json));
    expect(table.stdout).toContain('50\u00a0% av den frigjorda tiden');
  });

  it('with uncertainty adds p10/p50/p90 and the payback probability', async () => {
    const { code, stdout } = await run(scenarioPath('forsiktig.json'), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { months: Record<string, number>[]; summary: { paybackProbability: number } };
    const last = out.months.at(-1)!;
    expect(last.cumulativeNetSavingsKrP10).toBeLessThan(last.cumulativeNetSavingsKrP90!);
    expect(last.cumulativeBudgetEffectKrP10).toBeLessThan(last.cumulativeBudgetEffectKrP90!);
    // The bands are ordered around the median, and the probability is a share of the scenario's 2 000 runs.
    expect(last.cumulativeNetSavingsKrP10).toBeLessThanOrEqual(last.cumulativeNetSavingsKrP50!);
    expect(last.cumulativeNetSavingsKrP50).toBeLessThanOrEqual(last.cumulativeNetSavingsKrP90!);
    expect(last.householdsP10).toBeLessThanOrEqual(last.householdsP50!);
    expect(last.householdsP50).toBeLessThanOrEqual(last.householdsP90!);
    const p = out.summary.paybackProbability;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(p * 2000).toBeCloseTo(Math.round(p * 2000), 6);
  });

  it('without --json prints a Swedish table with sv-SE figures', async () => {
    const { code, stdout } = await run(scenarioPath('exempel-2-avgifter.json'));
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
    ['--data naming a missing file', () => [scenarioPath('bas.json'), '--data', join(dir, 'saknas.parquet')], 'finns inte'],
  ])('refuses %s with exit code 1 and a Swedish message', async (_label, args, message) => {
    const { code, stdout, stderr } = await run(...args());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('--data calibrates the baseline from a CSV of case data', async () => {
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
    const { code, stdout, stderr } = await run(scenario, '--data', data, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { scenario: { baseline: Record<string, unknown> } };
    expect(out.scenario.baseline.households).toBe(40);
    expect(out.scenario.baseline.paymentPerHouseholdKr).toBe(9000);
    expect(out.scenario.baseline.meanDurationMonths as number).toBeCloseTo(4, 9);
    expect(out.scenario.baseline.calibrated).toBe(true);
  });
});

describe('npm run simulate -- scenarios/bas.json --json (no --data): calibrated from the bundled sample', () => {
  it('households within 5 % of the last 12 months\' mean, meanDurationMonths a period length from data', async () => {
    const { code, stdout, stderr } = await run(scenarioPath('bas.json'), '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const baseline = (JSON.parse(stdout) as { scenario: { baseline: Record<string, number | boolean> } }).scenario.baseline;
    expect(baseline.calibrated).toBe(true);

    // Independent figures, in plain SQL on the same file.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const sample = fileURLToPath(new URL('../../data/utbetalningar.parquet', import.meta.url));
    const query = async (text: string) => (await (await db.runAndReadAll(text)).getRowObjectsJson())[0] as Record<string, number>;
    const level = await query(`
      WITH m AS (SELECT left(manad, 7) AS manad, hushall_id, utbetalt_kr FROM read_parquet('${sample}') WHERE utbetalt_kr > 0),
      last12 AS (SELECT DISTINCT manad FROM m ORDER BY manad DESC LIMIT 12)
      SELECT count(DISTINCT (hushall_id, manad)) / 12.0 AS households FROM m WHERE manad IN (SELECT manad FROM last12)`);
    expect(Math.abs((baseline.households as number) / Number(level.households) - 1)).toBeLessThan(0.05);
    // A period length, not Socialstyrelsen's 6,5 biståndsmånader per år: ended periods (gap rule G = 3) of households
    // that started inside the data average several months more than 6,5.
    const spells = await query(`
      WITH m AS (SELECT DISTINCT hushall_id, CAST(left(manad, 4) AS INTEGER) * 12 + CAST(substr(manad, 6, 2) AS INTEGER) AS mi
                 FROM read_parquet('${sample}') WHERE utbetalt_kr > 0),
      g AS (SELECT hushall_id, mi, CASE WHEN mi - lag(mi) OVER (PARTITION BY hushall_id ORDER BY mi) <= 3 THEN 0 ELSE 1 END AS brk FROM m),
      p AS (SELECT hushall_id, mi, sum(brk) OVER (PARTITION BY hushall_id ORDER BY mi) AS nr FROM g),
      s AS (SELECT hushall_id, nr, min(mi) AS s, max(mi) AS e FROM p GROUP BY ALL),
      b AS (SELECT min(mi) AS lo, max(mi) AS hi FROM m)
      SELECT avg(e - s + 1) AS mean_months FROM s, b WHERE s.s >= b.lo + 3 AND s.e <= b.hi - 3 AND s.e > b.hi - 27`);
    const D = baseline.meanDurationMonths as number;
    expect(D).toBeGreaterThan(8);
    expect(Math.abs(D / Number(spells.mean_months) - 1)).toBeLessThan(0.35);
  });
});

describe('npm run simulate as a spawned process', () => {
  it('the entry block prints what main prints, and a failure sets exit code 1 with the message on stderr', async () => {
    const ok = spawnCli('src/cli/simulate.ts', [scenarioPath('exempel-2-avgifter.json')]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toBe((await run(scenarioPath('exempel-2-avgifter.json'))).stdout);
    const bad = spawnCli('src/cli/simulate.ts', []);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^Ange en scenariofil\./);
  });
});
