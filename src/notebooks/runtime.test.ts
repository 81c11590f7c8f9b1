import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import type { BoundSql } from '../engine/sql.ts';
import { prepareMetrics, publishModel } from '../metrics/prepare.ts';
import { parseNotebook } from './parse.ts';
import { createRuntime, type RuntimeHost, type RuntimeSnapshot, type SimulationRequest } from './runtime.ts';

const exempel = parseNotebook(readFileSync(new URL('./examples/exempel.md', import.meta.url), 'utf8'));
const sqlCell = (name: string, body: string) => `\`\`\`sql ${name}\n${body}\n\`\`\``;

interface Call {
  readonly query: BoundSql;
  readonly signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The SQL engine is not under test here: a fake that records calls and answers now or when told. */
function fakeHost(manual = false) {
  const calls: Call[] = [];
  const simulations: SimulationRequest[] = [];
  const host: RuntimeHost<unknown> = {
    runSql(query, signal) {
      return new Promise((resolve, reject) => {
        calls.push({ query, signal, resolve, reject });
        if (manual) return;
        if (query.text.includes('FEL')) reject(new Error('Binder Error: FEL finns inte'));
        else if (query.text.startsWith('SELECT DISTINCT')) resolve({ getChild: () => ({ toArray: () => ['Norr', 'Söder'] }) });
        else resolve({ params: query.params });
      });
    },
    async runSimulation(request) {
      simulations.push(request);
      return { hushall: 100 };
    },
  };
  return { host, calls, simulations };
}

const runsOf = (rt: ReturnType<typeof createRuntime>) => Object.fromEntries(Object.entries(rt.snapshot().cells).map(([n, c]) => [n, c.runs]));
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('a simulation whose scenario an input chooses, with a forecast month', () => {
  const nb = parseNotebook(
    [
      '```input period\ntype: period\nfrom: 2025-01\nto: 2025-08\n```',
      '```input scenario\ntype: select\noptions: ingen, försiktig, bas, ambitiös\ndefault: ingen\n```',
      '```input annat\ntype: toggle\ndefault: true\n```',
      '```simulation prognos\nscenario: ${scenario}\nforecast: period.to\n```',
    ].join('\n\n') + '\n',
  );

  it('"ingen" runs nothing and gives no result; a choice asks the host for that file and the month', async () => {
    const { host, simulations } = fakeHost();
    const rt = createRuntime(nb, host);
    await rt.run();
    expect(rt.snapshot().cells.prognos).toMatchObject({ status: 'ok', result: null, runs: 1 });
    expect(simulations).toEqual([]);
    rt.setInput('scenario', 'ambitiös');
    await rt.run();
    expect(simulations).toEqual([{ cell: 'prognos', scenarioFile: 'ambitios', overrides: {}, forecastTo: '2025-08' }]);
    rt.setInput('period', { from: '2025-01', to: '2025-04' });
    await rt.run();
    expect(simulations.at(-1)).toEqual({ cell: 'prognos', scenarioFile: 'ambitios', overrides: {}, forecastTo: '2025-04' });
    // An input the cell does not name does not rerun it.
    rt.setInput('annat', false);
    await rt.run();
    expect(rt.executions('prognos')).toBe(3);
  });
});

describe('createRuntime(notebook, host).run()', () => {
  it('runs every cell once at start, with defaults bound', async () => {
    const { host, simulations } = fakeHost();
    const rt = createRuntime(exempel, host);
    await rt.run();
    const snap = rt.snapshot();
    expect(Object.values(snap.cells).every((c) => c.status === 'ok' && c.runs === 1)).toBe(true);
    expect(snap.cells.enhet!.result).toEqual(['Norr', 'Söder']);
    expect(snap.cells.besparing!.result).toEqual({ params: ['2023-01', '2023-12', 10] });
    // A chart's result is its data cell's result.
    expect(snap.cells.trend!.result).toBe(snap.cells.per_manad!.result);
    expect(simulations).toEqual([{ cell: 'scenario', scenarioFile: 'exempel-1-tidsbesparing', overrides: { 'automation.ramp.0.1': 0.75 } }]);
    expect(snap.running).toBe(false);
  });

  it('reruns only the cells that depend on a changed input', async () => {
    const { host } = fakeHost();
    const rt = createRuntime(exempel, host);
    await rt.run();
    rt.setInput('farre', 20);
    expect(rt.snapshot().cells.besparing!.status).toBe('pending');
    await rt.run();
    expect(runsOf(rt)).toEqual({ period: 1, enhet: 1, per_manad: 1, trend: 1, per_hushall: 1, kostnad: 1, farre: 1, besparing: 2, automatisering: 1, scenario: 1 });
    rt.setInput('enhet', 'Norr');
    await rt.run();
    expect(runsOf(rt)).toEqual({ period: 1, enhet: 1, per_manad: 2, trend: 2, per_hushall: 2, kostnad: 2, farre: 1, besparing: 3, automatisering: 1, scenario: 1 });
    expect(rt.snapshot().cells.per_manad!.result).toEqual({ params: ['2023-01', '2023-12', 'Norr'] });
  });

  it('does nothing for an input set to the value it already has', async () => {
    const { host, calls } = fakeHost();
    const rt = createRuntime(exempel, host);
    await rt.run();
    const before = calls.length;
    rt.setInput('period', { from: '2023-01', to: '2023-12' });
    await rt.run();
    expect(calls.length).toBe(before);
  });

  it('starts independent cells concurrently', async () => {
    const { host, calls } = fakeHost(true);
    const rt = createRuntime(parseNotebook([sqlCell('a', 'SELECT 1'), sqlCell('b', 'SELECT 2'), sqlCell('c', 'SELECT * FROM ${a}, ${b}')].join('\n\n')), host);
    const done = rt.run();
    await flush();
    expect(calls.map((c) => c.query.text)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(rt.snapshot().cells.a!.status).toBe('running');
    expect(rt.snapshot().cells.b!.status).toBe('running');
    expect(rt.snapshot().cells.c!.status).toBe('pending');
    calls[1]!.resolve('B');
    await flush();
    expect(calls).toHaveLength(2); // c waits for a
    calls[0]!.resolve('A');
    await flush();
    expect(calls).toHaveLength(3);
    calls[2]!.resolve('C');
    await done;
    expect(rt.snapshot().cells.c).toMatchObject({ status: 'ok', result: 'C' });
  });

  it.each([
    ['the stale result arrives last', [1, 0]],
    ['the stale result arrives first', [0, 1]],
  ])('drops a result for inputs that changed mid-run (%s)', async (_label, order) => {
    const { host, calls } = fakeHost(true);
    const nb = parseNotebook(`\`\`\`input x\ntype: slider\nmin: 0\nmax: 9\ndefault: 1\n\`\`\`\n\n${sqlCell('q', 'SELECT ${x}')}`);
    const rt = createRuntime(nb, host);
    const seen: unknown[] = [];
    rt.subscribe((s: RuntimeSnapshot) => seen.push(s.cells.q!.result));
    const done = rt.run();
    await flush();
    expect(calls.map((c) => c.query.params)).toEqual([[1]]);
    rt.setInput('x', 2);
    expect(calls[0]!.signal.aborted).toBe(true);
    await flush();
    expect(calls.map((c) => c.query.params)).toEqual([[1], [2]]);
    for (const i of order) {
      calls[i]!.resolve(`svar för x=${i + 1}`);
      await flush();
    }
    await done;
    expect(rt.snapshot().cells.q).toMatchObject({ status: 'ok', result: 'svar för x=2', runs: 2 });
    expect(seen).not.toContain('svar för x=1');
  });

  it('keeps an error in its cell, blocks its dependants and still runs the others', async () => {
    const { host } = fakeHost();
    const nb = parseNotebook([sqlCell('a', 'SELECT FEL'), sqlCell('b', 'SELECT * FROM ${a}'), sqlCell('c', 'SELECT * FROM ${b}'), sqlCell('d', 'SELECT 4'), '```chart k\ntype: table\ndata: c\n```'].join('\n\n'));
    const rt = createRuntime(nb, host);
    await rt.run();
    const { cells } = rt.snapshot();
    expect(cells.a).toEqual({ status: 'error', error: 'Binder Error: FEL finns inte', runs: 1 });
    expect(cells.b).toEqual({ status: 'blocked', blockedBy: 'a', error: 'Väntar på att felet i a rättas.', runs: 0 });
    expect(cells.c).toMatchObject({ status: 'blocked', blockedBy: 'a' });
    expect(cells.k).toMatchObject({ status: 'blocked', blockedBy: 'a' });
    expect(cells.d).toMatchObject({ status: 'ok', runs: 1 });
  });

  it('blocks a ${filters} query when a global filter input is broken', async () => {
    const { host, calls } = fakeHost();
    const rt = createRuntime(parseNotebook(`\`\`\`input period\ntype: period\nfrom: 2023-13\nto: 2023-12\n\`\`\`\n\n${sqlCell('q', 'SELECT 1 WHERE ${filters}')}`), host);
    await rt.run();
    expect(rt.snapshot().cells.q).toMatchObject({ status: 'blocked', blockedBy: 'period' });
    expect(calls).toEqual([]);
  });

  it('shows a cycle and a parse error in their cells without running them', async () => {
    const { host, calls } = fakeHost();
    const nb = parseNotebook([sqlCell('a', 'SELECT * FROM ${b}'), sqlCell('b', 'SELECT * FROM ${a}'), '```chart k\ntype: pie\ndata: a\n```', sqlCell('ok', 'SELECT 1')].join('\n\n'));
    const rt = createRuntime(nb, host);
    await rt.run();
    const { cells } = rt.snapshot();
    expect(cells.a).toMatchObject({ status: 'error', error: 'Cykliskt beroende: a → b → a.', runs: 0 });
    expect(cells.k).toMatchObject({ status: 'error', error: expect.stringMatching(/Okänt värde "pie"/) });
    expect(cells.ok!.status).toBe('ok');
    expect(calls.map((c) => c.query.text)).toEqual(['SELECT 1']);
  });

  it('reports a simulation it cannot run in that cell only', async () => {
    const { host } = fakeHost();
    const rt = createRuntime(exempel, { runSql: host.runSql });
    await rt.run();
    expect(rt.snapshot().cells.scenario).toMatchObject({ status: 'error', error: 'Simuleringar kan inte köras i den här miljön.' });
    expect(rt.snapshot().cells.besparing!.status).toBe('ok');
  });
});

describe('Runtime inputs, edits and listeners', () => {
  it.each([
    ['nope', 1, 'Det finns ingen inmatning som heter nope.'],
    ['farre', 51, 'Värdet 51 för inmatningen farre ligger utanför 0–50.'],
    ['farre', '3', 'inmatningen farre ska ha ett tal.'],
    ['period', { from: '2023-05', to: '2023-01' }, 'Perioden i inmatningen period börjar (2023-05) efter att den slutar (2023-01).'],
    ['enhet', ['Norr'], 'inmatningen enhet ska ha ett textvärde.'],
  ])('setInput(%s, %j) throws "%s"', (name, value, message) => {
    const rt = createRuntime(exempel, fakeHost().host);
    expect(() => rt.setInput(name, value as never)).toThrow(message);
  });

  it('setInputsAndRun sets several inputs with one snapshot, and a bad value among them changes nothing', async () => {
    const { host } = fakeHost();
    const rt = createRuntime(exempel, host);
    await rt.run();
    const snaps: RuntimeSnapshot[] = [];
    const off = rt.subscribe((s) => snaps.push(s));
    expect(() => rt.setInputsAndRun({ farre: 20, automatisering: 7 })).toThrow('automatisering');
    expect(snaps).toEqual([]);
    expect(rt.snapshot().inputs.farre).not.toBe(20);
    const running = rt.setInputsAndRun({ farre: 20, automatisering: 0.8 });
    // The first snapshot already has both values: no state with only one of them is ever published.
    expect(snaps[0]!.inputs).toMatchObject({ farre: 20, automatisering: 0.8 });
    await running;
    off();
    expect(snaps.every((s) => s.inputs.farre === 20 && s.inputs.automatisering === 0.8)).toBe(true);
  });

  it('starts from given input values (e.g. from the URL) and ignores invalid ones', async () => {
    const { host } = fakeHost();
    const rt = createRuntime(exempel, host, { farre: 25, automatisering: 7 });
    expect(rt.snapshot().inputs.farre).toBe(25);
    expect(rt.snapshot().inputs.automatisering).toBe(0.75);
  });

  it('reruns an edited cell and its dependants only', async () => {
    const { host } = fakeHost();
    const rt = createRuntime(exempel, host);
    await rt.run();
    const cells = exempel.cells.map((c) => (c.kind === 'sql' && c.name === 'per_hushall' ? { ...c, sql: `${c.sql}\nLIMIT 5` } : c));
    rt.replaceNotebook({ ...exempel, cells });
    await rt.run();
    expect(runsOf(rt)).toMatchObject({ per_manad: 1, trend: 1, per_hushall: 2, kostnad: 2, besparing: 2, scenario: 1 });
  });

  it('notifies subscribers with fresh immutable snapshots until unsubscribed', async () => {
    const { host } = fakeHost();
    const rt = createRuntime(exempel, host);
    const snaps: RuntimeSnapshot[] = [];
    const off = rt.subscribe((s) => snaps.push(s));
    await rt.run();
    expect(snaps.length).toBeGreaterThan(3);
    expect(snaps.at(-1)).toBe(rt.snapshot());
    expect(snaps[0]).not.toBe(snaps.at(-1));
    off();
    const count = snaps.length;
    rt.setInput('farre', 1);
    expect(snaps.length).toBe(count);
  });
});

describe('Runtime over the real DuckDB (NodeConnector)', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(`CREATE TABLE utbetalningar AS SELECT hushall_id, CAST(manad AS DATE) AS manad, utbetalt_kr, enhet FROM (VALUES
      ('h1', '2023-01-01', 1000, 'Norr'), ('h2', '2023-01-01', 3000, 'Söder'), ('h1', '2023-02-01', 2000, 'Norr')) v(hushall_id, manad, utbetalt_kr, enhet)`);
    // The enhet input's options read the model's filtervarden view, as on the page.
    await publishModel(db, await prepareMetrics(db));
  });
  afterAll(async () => db.close());

  it('computes the example and recomputes after a filter change', async () => {
    const rt = createRuntime(exempel, { runSql: (q) => db.query(q.text, q.params) });
    await rt.run();
    const value = () => (rt.snapshot().cells.besparing!.result as { getChild(n: string): { get(i: number): unknown } }).getChild('kr_per_ar').get(0);
    expect(rt.snapshot().cells.enhet!.result).toEqual(['Norr', 'Söder']);
    // Jan: 4 000 kr / 2 hushåll = 2 000; Feb: 2 000 / 1 = 2 000 → 10 × 2 000 × 12 = 240 000.
    expect(value()).toBe(240_000);
    rt.setInput('enhet', 'Norr');
    await rt.run();
    // Norr: Jan 1 000, Feb 2 000 → mean 1 500 → 180 000.
    expect(value()).toBe(180_000);
  });
});
