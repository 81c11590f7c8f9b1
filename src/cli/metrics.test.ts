import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../tests/fixtures/metrics/tables.ts';
import { BASIC_REPORT } from '../../tests/fixtures/metrics/basic.expected.ts';
import { run as runCli } from './metrics.ts';
import { capture, spawnCli } from './test-helpers.ts';

const run = (...args: string[]) => capture((io) => runCli(args, io));

describe('npm run metrics -- --data <file> [--json]', () => {
  it('prints exactly the report worked out by hand as one JSON object', async () => {
    const { code, stdout, stderr } = await run('--data', fixturePath('basic.csv'), '--json');
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual(BASIC_REPORT);
  });

  it('prints a Swedish table without --json, with small counts suppressed', async () => {
    const { code, stdout } = await run('--data', fixturePath('basic.csv'), '--from', '2020-05', '--to', '2020-05');
    expect(code).toBe(0);
    // May 2020: 6 households, 8 persons (H13 adds an adult and a child), 1 with children, 2 starts (H01, H02),
    // both nya, 0 återkommande, 2 ends, 1 child, 2 of 6 through the e-tjänst.
    expect(stdout).toMatch(/maj 2020\s+6\s+8\s+<5\s+7\u00a0000\u00a0kr\s+<5\s+<5\s+0\s+<5\s+<5\s+33\u00a0%/);
    expect(stdout).toContain('Per år');
  });

  it('prints återkommande starts per month and biståndsmånader per hushåll, ej återaktualiserade and marked bidragstid per year', async () => {
    const { code, stdout } = await run('--data', fixturePath('basic.csv'));
    expect(code).toBe(0);
    // June 2021: H03's second period starts (återkommande) while H14 and H15 run: 3 households (so persons and
    // households with children are protected), 1 start, 0 nya, 1 återkommande.
    expect(stdout).toMatch(/juni 2021\s+<5\s+×\s+×\s+3\u00a0000\u00a0kr\s+<5\s+0\s+<5\s/);
    // 2020: 31 payment months over 9 households = 3,4; adults 2 of 11 långvariga = 18 %; 7 of 10 ends not back = 70 %;
    // bidragstid 16/7 = 2,3 months, marked * because the data starts in 2020.
    expect(stdout).toMatch(/2020\s+9\s+34\u00a0000\u00a0kr\s+3,4\s+<5\s+11\u00a0%\s+18\u00a0%\s+10\s+70\u00a0%\s+<5\s+2,3 mån\*/);
    expect(stdout).toMatch(/2021\s+7\s+28\u00a0000\u00a0kr\s+4,0\s/);
    expect(stdout).toContain('* Påverkas av datastart (2020, 2021)');
    expect(stdout).toContain('egen definition, inte Socialstyrelsens biståndsmånader per hushåll');
  });

  it.each([
    { name: 'negative amount', args: ['--data', fixturePath('bad-amount.csv')], message: 'Kolumnen utbetalt_kr: negativt belopp på rad 17' },
    { name: 'bad month', args: ['--data', fixturePath('bad-month.csv')], message: 'Kolumnen manad: månadsnumret är inte 1–12 på rad 3' },
    { name: 'missing column', args: ['--data', fixturePath('missing-column.csv')], message: 'Kolumnen utbetalt_kr saknas i data (obligatorisk kolumn)' },
    { name: 'missing file', args: ['--data', 'no/such/file.csv', '--json'], message: 'Filen finns inte: no/such/file.csv' },
    { name: 'bad --from', args: ['--data', fixturePath('basic.csv'), '--from', '2020-5', '--json'], message: 'Ogiltig månad för --from: 2020-5 (ange ÅÅÅÅ-MM)' },
    { name: 'bad --gap', args: ['--data', fixturePath('basic.csv'), '--gap', '0', '--json'], message: 'Ogiltigt värde för gap (G): 0 (ange ett heltal 1–120)' },
    { name: 'no --data', args: ['--json'], message: 'Ange datafil med --data <fil.csv|fil.parquet>' },
  ])('$name: exit 1, one Swedish line on stderr, nothing on stdout', async ({ args, message }) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
  });

  it('as a spawned process: the entry block prints the report, and a failure sets exit code 1 with the line on stderr', async () => {
    const ok = spawnCli('src/cli/metrics.ts', ['--data', fixturePath('basic.csv'), '--json']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toBe((await run('--data', fixturePath('basic.csv'), '--json')).stdout);
    const bad = spawnCli('src/cli/metrics.ts', ['--data', fixturePath('bad-month.csv')]);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'Kolumnen manad: månadsnumret är inte 1–12 på rad 3\n' });
  });
});
