import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../tests/fixtures/metrics/tables.ts';

function run(...args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['src/cli/metrics.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run metrics -- --data <file> [--json]', () => {
  it('prints exactly the hand-written report as one JSON object', () => {
    const { code, stdout, stderr } = run('--data', fixturePath('basic.csv'), '--json');
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(fixturePath('basic.expected.json'), 'utf8')));
  });

  it('prints a Swedish table without --json, with small counts suppressed', () => {
    const { code, stdout } = run('--data', fixturePath('basic.csv'), '--from', '2020-05', '--to', '2020-05');
    expect(code).toBe(0);
    expect(stdout).toMatch(/maj 2020\s+6\s+7\u00a0000\u00a0kr\s+<5\s+<5\s+<5\s+33\u00a0%/);
    expect(stdout).toContain('Per år');
  });

  it.each([
    { name: 'negative amount', args: ['--data', fixturePath('bad-amount.csv')], message: 'Kolumnen utbetalt_kr: negativt belopp på rad 17 (-250)' },
    { name: 'bad month', args: ['--data', fixturePath('bad-month.csv')], message: 'Kolumnen manad: inte en månad (ÅÅÅÅ-MM) på rad 3 (2021-13)' },
    { name: 'missing column', args: ['--data', fixturePath('missing-column.csv')], message: 'Kolumnen utbetalt_kr saknas i data (obligatorisk kolumn)' },
    { name: 'missing file', args: ['--data', 'no/such/file.csv', '--json'], message: 'Filen finns inte: no/such/file.csv' },
    { name: 'bad --from', args: ['--data', fixturePath('basic.csv'), '--from', '2020-5', '--json'], message: 'Ogiltig månad för --from: 2020-5 (ange ÅÅÅÅ-MM)' },
    { name: 'bad --gap', args: ['--data', fixturePath('basic.csv'), '--gap', '0', '--json'], message: 'Ogiltigt värde för gap (G): 0 (ange ett heltal 1–120)' },
    { name: 'no --data', args: ['--json'], message: 'Ange datafil med --data <fil.csv|fil.parquet>' },
  ])('$name: exit 1, one Swedish line on stderr, nothing on stdout', ({ args, message }) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
  });
});
