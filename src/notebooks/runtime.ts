import { compileCell, type CompileScope } from './compile.ts';
import { toMetricFilters } from './filters.ts';
import { buildGraph, indexNotebook, type CellGraph } from './graph.ts';
import { defaultInputValue, inputValueProblem, sameInputValue } from './input-values.ts';
import { forecastMonth, scenarioFileName } from './sim-forecast.ts';
import type { InputCell, InputValue, NamedCell, Notebook } from './types.ts';

export type { CellState, CellStatus, FastAnswer, Runtime, RuntimeHost, RuntimeSnapshot, SimulationRequest } from './runtime-types.ts';
import type { CellState, CellStatus, Runtime, RuntimeHost, RuntimeSnapshot, SimulationRequest } from './runtime-types.ts';

interface Slot {
  status: CellStatus;
  result?: unknown;
  error?: string;
  blockedBy?: string;
  runs: number;
  /** Bumped whenever the cell is marked dirty; a result from an older version is stale and dropped. */
  version: number;
  dirty: boolean;
  controller?: AbortController;
  /** The shown result is a fast answer that SQL will complete (see `refine`). */
  partial?: boolean;
  /** This slot's public state, reused until the slot changes, so views of unchanged cells are not redrawn. */
  view?: CellState;
  /** The last public state with a settled status (ok, error, blocked): what a held cell shows (`held`). */
  settledView?: CellState;
}

/** Creates a runtime for `notebook`; `inputs` (e.g. decoded from the URL) override the defaults. */
export function createRuntime<T>(notebook: Notebook, host: RuntimeHost<T>, inputs: Readonly<Record<string, InputValue>> = {}): Runtime {
  return new NotebookRuntime(notebook, host, inputs);
}

class NotebookRuntime<T> implements Runtime {
  graph: CellGraph;
  private index: { cells: Map<string, NamedCell>; inputs: Map<string, InputCell> };
  private values: Record<string, InputValue> = {};
  private readonly slots = new Map<string, Slot>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(s: RuntimeSnapshot) => void>();
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private current: RuntimeSnapshot;
  /** Inside a scheduling pass: settled cells are published once at its end, not one snapshot each. */
  private batching = false;
  /** Statements started in the current pass wait for this: at once, or after the paint (`RuntimeHost.afterPaint`). */
  private gate: { promise: Promise<void>; open: () => void } | undefined;
  /** The current pass settled a metric from the host's fast answer, which should be painted first. */
  private answeredFast = false;
  /**
   * Set from the end of a pass that answered fast until the page has painted (`RuntimeHost.afterPaint`):
   * meanwhile cells still waiting show their last settled state, so the frame after a brush redraws
   * only the fast figures; the "räknar …" marks of the others follow in the next frame.
   */
  private held: Promise<void> | undefined;
  private starting = false;
  /** drain() will pass again before it ends (false once its last pass is done, while `loop` resolves). */
  private draining = false;

  constructor(
    notebook: Notebook,
    private readonly host: RuntimeHost<T>,
    initial: Readonly<Record<string, InputValue>>,
  ) {
    this.graph = buildGraph(notebook);
    this.index = indexNotebook(notebook);
    for (const [name, cell] of this.index.inputs) {
      const given = initial[name];
      const problem = given === undefined ? 'absent' : inputValueProblem(cell, given);
      this.values[name] = problem === undefined ? given! : defaultInputValue(cell.spec);
    }
    for (const name of this.graph.order) this.slots.set(name, { status: 'pending', runs: 0, version: 0, dirty: true });
    this.current = this.buildSnapshot();
  }

  snapshot(): RuntimeSnapshot {
    return this.current;
  }

  subscribe(listener: (snapshot: RuntimeSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setInput(name: string, value: InputValue): void {
    this.checkInput(name, value);
    this.assign(name, value);
  }

  /** Sets a checked value and marks its dependants dirty. */
  private assign(name: string, value: InputValue): void {
    if (sameInputValue(this.values[name], value)) return;
    this.values = { ...this.values, [name]: value };
    for (const dirty of this.graph.dirtyAfter([name])) this.markDirty(dirty);
    this.notify();
  }

  /** Throws the Swedish message for an unknown input or a value it does not take. */
  private checkInput(name: string, value: InputValue): void {
    const cell = this.index.inputs.get(name);
    if (!cell) throw new Error(`Det finns ingen inmatning som heter ${name}.`);
    const problem = inputValueProblem(cell, value);
    if (problem) throw new Error(problem);
  }

  /**
   * Sets the inputs and runs, publishing one snapshot for all of it: the cells the host answers at once go
   * from their old figures straight to the new ones. A snapshot in between would mark every dependant
   * pending only for the next one to undo it, work the page did in the frame of a brush (issue 11), and a
   * link that changes two inputs would show a state that was never asked for. Every value is checked
   * before any is set, so a bad one changes nothing.
   */
  setInputsAndRun(changes: Readonly<Record<string, InputValue>>): Promise<void> {
    for (const [name, value] of Object.entries(changes)) this.checkInput(name, value);
    this.batching = true;
    try {
      for (const [name, value] of Object.entries(changes)) this.assign(name, value);
    } finally {
      this.batching = false;
    }
    return this.run();
  }

  run(): Promise<void> {
    if (this.loop && this.draining) {
      // A loop is waiting on statements: schedule now, so cells the host answers at once (the month
      // cube, charts) are in the very next snapshot instead of after the loop wakes up; the wake makes
      // it wait on the statements just started too, so their dependants start as soon as they settle.
      this.pass();
      this.wake?.();
      return this.loop;
    }
    // No loop, or one past its last pass that only has to resolve (a run() from a microtask queued by
    // that pass, e.g. Svelte's effects): a new loop. Reusing the finishing one would start cells that
    // no loop waits for, and their dependants would stay pending for good.
    // The first pass runs inside drain() before `loop` is set; `starting` makes its snapshot say running.
    this.starting = true;
    try {
      const loop: Promise<void> = this.drain().finally(() => {
        if (this.loop !== loop) return; // a newer loop took over
        this.loop = undefined;
        this.notify();
      });
      this.loop = loop;
    } finally {
      this.starting = false;
    }
    return this.loop;
  }

  invalidate(names?: readonly string[]): void {
    const roots = names ?? this.graph.order;
    for (const name of new Set([...roots, ...this.graph.dirtyAfter(roots)])) if (this.slots.has(name)) this.markDirty(name);
    this.notify();
  }

  replaceNotebook(next: Notebook): void {
    const before = this.index.cells;
    this.graph = buildGraph(next);
    this.index = indexNotebook(next);
    const changed: string[] = [];
    for (const name of this.graph.order) {
      const old = before.get(name);
      if (old === undefined || JSON.stringify(old) !== JSON.stringify(this.index.cells.get(name))) changed.push(name);
    }
    for (const name of [...this.slots.keys()]) {
      if (!this.index.cells.has(name)) {
        this.slots.get(name)!.controller?.abort();
        this.slots.delete(name);
        this.inflight.delete(name);
      }
    }
    const values: Record<string, InputValue> = {};
    for (const [name, cell] of this.index.inputs) {
      const kept = this.values[name];
      values[name] = kept !== undefined && !changed.includes(name) && inputValueProblem(cell, kept) === undefined ? kept : defaultInputValue(cell.spec);
    }
    this.values = values;
    for (const name of this.graph.order) if (!this.slots.has(name)) this.slots.set(name, { status: 'pending', runs: 0, version: 0, dirty: true });
    for (const name of new Set([...changed, ...this.graph.dirtyAfter(changed)])) this.markDirty(name);
    this.notify();
  }

  executions(name: string): number {
    return this.slots.get(name)?.runs ?? 0;
  }

  cancel(name: string): void {
    const slot = this.slots.get(name);
    if (!slot?.controller) return;
    slot.controller.abort();
    slot.controller = undefined;
    this.inflight.delete(name);
    this.settle(slot, { status: 'error', error: 'Avbröts. Klicka på Kör för att köra cellen igen.' });
    this.wake?.();
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.controller?.abort();
    this.listeners.clear();
  }

  private markDirty(name: string): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    slot.version++;
    slot.dirty = true;
    slot.status = 'pending';
    slot.partial = false;
    slot.view = undefined;
    // A run for the old inputs may still be in flight: abort it and stop waiting for it; its result is dropped.
    slot.controller?.abort();
    slot.controller = undefined;
    this.inflight.delete(name);
    this.wake?.();
  }

  /** Starts every dirty cell whose dependencies are settled; answers the host gives at once settle here. */
  private pass(): void {
    let open!: () => void;
    const gate = (this.gate = { promise: new Promise<void>((resolve) => (open = resolve)), open });
    this.answeredFast = false;
    this.batching = true;
    try {
      for (const name of this.graph.order) this.consider(name);
    } finally {
      this.batching = false;
      this.gate = undefined;
    }
    const waitForPaint = this.answeredFast && this.host.afterPaint !== undefined;
    this.held = waitForPaint ? gate.promise : undefined;
    try {
      this.notify();
    } finally {
      // Opened whatever a listener does: a gate left shut would keep this pass's statements waiting for good.
      if (waitForPaint) {
        const release = (): void => {
          try {
            if (this.held !== gate.promise) return; // a later pass holds (or released) the views now
            this.held = undefined;
            this.notify();
          } finally {
            gate.open();
          }
        };
        void this.host.afterPaint!().then(release, release);
      } else gate.open();
    }
  }

  private async drain(): Promise<void> {
    this.draining = true;
    for (;;) {
      this.pass();
      if (this.inflight.size === 0) {
        // From here on run() must start a new loop: this one passes no more.
        this.draining = false;
        // A task later, so the page draws the fast answers before the engine is asked for the rest.
        setTimeout(() => this.refine(), 0);
        return;
      }
      await Promise.race([...this.inflight.values(), new Promise<void>((resolve) => (this.wake = resolve))]);
      this.wake = undefined;
    }
  }

  /** Starts, blocks or fails one dirty cell whose dependencies are settled. */
  private consider(name: string): void {
    const slot = this.slots.get(name)!;
    if (!slot.dirty || this.inflight.has(name)) return;
    const node = this.graph.nodes.get(name)!;
    if (node.problem) return this.settle(slot, { status: 'error', error: node.problem });
    let blocker: string | undefined;
    for (const dep of node.deps) {
      // Inputs are read by value; a failing options query must not block the cells that use the input.
      if (this.index.inputs.has(dep)) continue;
      const ds = this.slots.get(dep)!;
      if (ds.dirty) return;
      if (ds.status === 'error') blocker ??= dep;
      if (ds.status === 'blocked') blocker ??= ds.blockedBy;
    }
    if (blocker !== undefined) return this.settle(slot, { status: 'blocked', blockedBy: blocker, error: `Väntar på att felet i ${blocker} rättas.` });
    this.start(name, slot);
  }

  private start(name: string, slot: Slot): void {
    let now: { result: unknown } | undefined;
    try {
      now = this.immediate(name, slot);
    } catch (error) {
      slot.runs++;
      return this.settle(slot, { status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
    if (now) {
      // Answered without waiting (chart of a settled cell, the month cube): settled within this pass,
      // so the cells after it in the order can start in the same pass too.
      slot.runs++;
      return this.settle(slot, { status: 'ok', result: now.result });
    }
    const version = slot.version;
    const controller = new AbortController();
    slot.controller = controller;
    slot.runs++;
    slot.status = 'running';
    slot.view = undefined;
    const done = (outcome: Partial<Slot>): void => {
      if (slot.version !== version || this.slots.get(name) !== slot) return; // stale: inputs changed meanwhile
      slot.controller = undefined;
      this.inflight.delete(name);
      this.settle(slot, outcome);
    };
    const task = (this.gate?.promise ?? Promise.resolve())
      .then(() => {
        // Dropped or cancelled while waiting for the paint: never send it to the engine.
        if (controller.signal.aborted) throw new Error('Avbröts. Klicka på Kör för att köra cellen igen.');
        return this.execute(name, controller.signal);
      })
      .then(
        (result) => done({ status: 'ok', result }),
        (error: unknown) => done({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
      );
    this.inflight.set(name, task);
  }

  /**
   * The result of a cell that needs no waiting: a chart (its data cell's result), a choice input
   * with fixed options, or a metric the host answers at once; undefined when it must run async.
   */
  private immediate(name: string, slot: Slot): { result: unknown } | undefined {
    const cell = this.index.cells.get(name)!;
    if (cell.kind === 'chart') return { result: this.slots.get(cell.spec.data)?.result };
    if (cell.kind === 'input' && !((cell.spec.type === 'select' || cell.spec.type === 'multiselect') && cell.spec.column)) {
      return { result: cell.spec.type === 'select' || cell.spec.type === 'multiselect' ? (cell.spec.options ?? []) : [] };
    }
    if (cell.kind !== 'metric' || !this.host.fastMetric) return undefined;
    const fast = this.host.fastMetric(cell.spec, toMetricFilters(this.index.inputs, this.values, cell.spec.extend ?? 0, cell.spec.exclude));
    if (!fast) return undefined;
    slot.partial = !fast.complete;
    this.answeredFast = true;
    return { result: fast.result };
  }

  private settle(slot: Slot, outcome: Partial<Slot>): void {
    slot.view = undefined;
    slot.dirty = false;
    slot.status = outcome.status!;
    slot.error = outcome.error;
    slot.blockedBy = outcome.blockedBy;
    if (outcome.status === 'ok') slot.result = outcome.result;
    this.notify();
  }

  private async execute(name: string, signal: AbortSignal): Promise<unknown> {
    const cell = this.index.cells.get(name)!;
    const scope: CompileScope = { cells: this.index.cells, inputs: this.index.inputs, values: this.values, ...(this.host.manadKind ? { manadKind: this.host.manadKind } : {}), ...(this.host.metricSql ? { metricSql: this.host.metricSql.bind(this.host) } : {}) };
    switch (cell.kind) {
      // A fast answer was tried when the cell started (`immediate`).
      case 'metric':
      case 'sql':
        return this.host.runSql(compileCell(scope, name), signal);
      case 'input': {
        const spec = cell.spec;
        if ((spec.type === 'select' || spec.type === 'multiselect') && spec.column) {
          const table = await this.host.runSql(compileCell(scope, name), signal);
          return (this.host.optionsOf ?? defaultOptionsOf)(table);
        }
        return spec.type === 'select' || spec.type === 'multiselect' ? (spec.options ?? []) : [];
      }
      case 'chart':
        return this.slots.get(cell.spec.data)?.result;
      case 'simulation': {
        if (!this.host.runSimulation) throw new Error('Simuleringar kan inte köras i den här miljön.');
        const overrides: Record<string, InputValue> = {};
        for (const [path, input] of Object.entries(cell.spec.set)) overrides[path] = this.values[input]!;
        let scenarioFile = cell.spec.scenario;
        if (cell.spec.scenarioInput !== undefined) {
          const chosen = this.values[cell.spec.scenarioInput];
          const file = typeof chosen === 'string' ? scenarioFileName(chosen) : null;
          // No scenario chosen ("ingen"): the cell succeeds with no result, which the view explains.
          if (file === null) return null;
          scenarioFile = file;
        }
        const forecastTo = cell.spec.forecast === undefined ? undefined : forecastMonth(this.values, cell.spec.forecast);
        const request: SimulationRequest = {
          cell: name,
          overrides,
          ...(scenarioFile ? { scenarioFile } : { scenario: cell.spec.inline! }),
          ...(forecastTo === undefined ? {} : { forecastTo }),
        };
        return this.host.runSimulation(request, signal);
      }
      case 'error':
        throw new Error(cell.message);
    }
  }

  /**
   * Completes fast answers with their SQL once every cell has redrawn: the figures are on screen
   * first, the distinct counts follow. Not part of `running`; a refinement whose cell changes again
   * meanwhile is aborted (markDirty) and its result dropped.
   */
  private refine(): void {
    for (const [name, slot] of this.slots) {
      if (!slot.partial || slot.dirty || slot.controller || slot.status !== 'ok') continue;
      const cell = this.index.cells.get(name);
      if (cell?.kind !== 'metric') continue;
      const version = slot.version;
      const controller = new AbortController();
      slot.controller = controller;
      slot.view = undefined;
      const scope: CompileScope = { cells: this.index.cells, inputs: this.index.inputs, values: this.values, ...(this.host.manadKind ? { manadKind: this.host.manadKind } : {}), ...(this.host.metricSql ? { metricSql: this.host.metricSql.bind(this.host) } : {}) };
      this.host.runSql(compileCell(scope, name), controller.signal).then(
        (full) => {
          if (slot.version !== version || this.slots.get(name) !== slot) return;
          slot.controller = undefined;
          slot.partial = false;
          slot.result = full;
          slot.view = undefined;
          // Charts drawn from this cell show the completed table too.
          for (const [other, s] of this.slots) {
            const c = this.index.cells.get(other);
            if (c?.kind === 'chart' && c.spec.data === name && !s.dirty && s.status === 'ok') {
              s.result = full;
              s.view = undefined;
            }
          }
          this.notify();
        },
        () => {
          // Cancelled or failed: the fast answer stays, its missing columns empty.
          if (slot.version !== version) return;
          slot.controller = undefined;
          slot.partial = false;
          slot.view = undefined;
          this.notify();
        },
      );
    }
  }

  private buildSnapshot(): RuntimeSnapshot {
    const cells: Record<string, CellState> = {};
    for (const [name, s] of this.slots) {
      if (this.held && s.dirty && s.settledView) {
        cells[name] = s.settledView;
        continue;
      }
      if (!s.view) {
        const state: { -readonly [K in keyof CellState]: CellState[K] } = { status: s.status, runs: s.runs };
        if (s.result !== undefined) state.result = s.result;
        if (s.error !== undefined) state.error = s.error;
        if (s.blockedBy !== undefined) state.blockedBy = s.blockedBy;
        if (s.partial) state.refining = true;
        s.view = state;
        if (s.status === 'ok' || s.status === 'error' || s.status === 'blocked') s.settledView = state;
      }
      cells[name] = s.view;
    }
    return { inputs: this.values, cells, running: this.loop !== undefined || this.starting };
  }

  private notify(): void {
    if (this.batching) return;
    this.current = this.buildSnapshot();
    for (const listener of this.listeners) listener(this.current);
  }
}

function defaultOptionsOf(result: unknown): string[] {
  const column = (result as { getChild?: (name: string) => { toArray(): ArrayLike<unknown> } | null }).getChild?.('value');
  if (!column) throw new Error('Alternativfrågan gav ingen kolumn "value".');
  return Array.from(column.toArray(), (v) => String(v));
}
