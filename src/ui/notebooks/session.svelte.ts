/**
 * One open notebook: its edit history, its runtime and the runtime's latest snapshot as Svelte
 * state. Input changes go to the URL (replace while dragging, push on commit); edits are saved.
 */
import type { Table } from 'apache-arrow';
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import {
  apply,
  createHistory,
  createRuntime,
  decodeState,
  defaultInputValue,
  encodeState,
  indexNotebook,
  parseNotebook,
  redo,
  sameInputValue,
  serializeNotebook,
  undo,
  withScenarioDefaults,
  type History,
  type InputValue,
  type Notebook,
  type CellState,
  type Runtime,
  type RuntimeHost,
  type RuntimeSnapshot,
} from '../../notebooks/index.ts';
import { afterPaint } from '../after-paint.ts';
import { scenarioFile } from './host.ts';
import { fitPeriod } from '../../metrics/period-range.ts';
import { isPeriod } from '../../notebooks/filters.ts';

/** The first and last month the loaded data has (YYYY-MM). */
export interface DataMonths {
  readonly first: string;
  readonly last: string;
}

/**
 * What the runtime runs: the notebook with sliders bound to a scenario file starting at the file's
 * values. The history keeps the notebook as written, so a saved copy still reads the file.
 */
const runnable = (nb: Notebook): Notebook => withScenarioDefaults(nb, scenarioFile);

/** Where a session reports input changes (the router) and edits (the store). */
export interface SessionSinks {
  /** Writes the inputs' query string; `replace` for intermediate values (slider drag). */
  url(query: string, replace: boolean): void;
  save(text: string): Promise<void>;
}

/** An open notebook with its live results. */
export class NotebookSession {
  history = $state.raw<History>() as History;
  snapshot = $state.raw<RuntimeSnapshot>() as RuntimeSnapshot;
  /**
   * The snapshot's cell states and input values by name, each its own signal: a brush redraws the
   * cells whose state changed, where one snapshot read by every cell made all of them check.
   */
  readonly cells = new SvelteMap<string, CellState>();
  readonly inputs = new SvelteMap<string, InputValue>();
  /** The snapshot's input values (a new object only when one changes) and whether a run is going on. */
  values = $state.raw<Readonly<Record<string, InputValue>>>({});
  running = $state(false);
  /** Problems reading the URL's values, shown above the notebook. */
  problems = $state<string[]>([]);
  /** Milliseconds the last complete run took (filter change → every dependent cell redrawn). */
  lastRunMs = $state<number | null>(null);
  saveError = $state<string | null>(null);
  readonly runtime: Runtime;
  /** The input state not yet written to the URL (see `setInput`); `replace` false once any change was a commit. */
  private pendingUrl: { query: string; replace: boolean } | null = null;
  /** Callers of `settled()` waiting for the run to end. */
  private readonly waiting: (() => void)[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    text: string,
    search: URLSearchParams,
    host: RuntimeHost<Table>,
    private readonly sinks: SessionSinks,
    private readonly dataMonths?: DataMonths,
  ) {
    const notebook = parseNotebook(text);
    this.history = createHistory(notebook);
    const { inputs, problems } = this.readUrl(search, notebook);
    this.problems = problems;
    this.runtime = createRuntime(runnable(notebook), host, inputs);
    this.show(this.runtime.snapshot());
    this.unsubscribe = this.runtime.subscribe((s) => this.show(s));
    void this.run();
  }

  get notebook(): Notebook {
    return this.history.present;
  }

  /** Runs every dirty cell and records how long it took. */
  async run(): Promise<void> {
    await this.timed(this.runtime.run());
  }

  /** Resolves once no cell is running (at once when none is) or the session is disposed: a report waits for the figures it shows. */
  settled(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async timed(running: Promise<void>): Promise<void> {
    const t0 = performance.now();
    await running;
    this.lastRunMs = performance.now() - t0;
  }

  /** The inputs' default values, left out of the URL to keep links short. */
  defaults(): Record<string, InputValue> {
    const out: Record<string, InputValue> = {};
    for (const [name, cell] of indexNotebook(runnable(this.notebook)).inputs) out[name] = defaultInputValue(cell.spec);
    return out;
  }

  /** Sets an input, reruns its dependants and writes the URL (`commit` = a new history entry). */
  setInput(name: string, value: InputValue, commit = true): void {
    let running: Promise<void>;
    try {
      running = this.runtime.setInputsAndRun({ [name]: value });
    } catch (error) {
      this.problems = [error instanceof Error ? error.message : String(error)];
      return;
    }
    void this.timed(running);
    // The URL is written after the figures the runtime answered at once are painted: a new history
    // entry costs the main thread several ms, and a brush should redraw first. Changes made before
    // then are written as one, with the latest values, so the router never sees an older state.
    const waiting = this.pendingUrl !== null;
    this.pendingUrl = { query: encodeState(this.runtime.snapshot().inputs, this.defaults()), replace: (this.pendingUrl?.replace ?? true) && !commit };
    if (waiting) return;
    void afterPaint().then(() => {
      const pending = this.pendingUrl;
      this.pendingUrl = null;
      if (pending) this.sinks.url(pending.query, pending.replace);
    });
  }

  /** Follows the URL (Back/Forward, a pasted link): inputs not named there go back to their defaults. */
  syncFromUrl(search: URLSearchParams): void {
    // An input change not yet written to the URL is newer than what the URL says.
    if (this.pendingUrl) return;
    const { inputs, problems } = this.readUrl(search, this.notebook);
    this.problems = problems;
    const current = this.runtime.snapshot().inputs;
    const changes = Object.fromEntries(Object.entries({ ...this.defaults(), ...inputs }).filter(([name, value]) => !sameInputValue(current[name], value)));
    // All at once: the page goes from the old state to the linked one without showing a mix of the two.
    if (Object.keys(changes).length > 0) void this.timed(this.runtime.setInputsAndRun(changes));
  }

  /** Applies an edit, reruns what it affects and saves the notebook in the browser. */
  edit(change: (nb: Notebook) => Notebook): void {
    this.commit(apply(this.history, change));
  }

  undo(): void {
    this.commit(undo(this.history));
  }

  redo(): void {
    this.commit(redo(this.history));
  }

  /**
   * The URL's input values, with every period (asked for or default) fitted into the data's months:
   * a link to 2030 shows the months that exist and says so, instead of a page of "–".
   */
  private readUrl(search: URLSearchParams, notebook: Notebook): { inputs: Record<string, InputValue>; problems: string[] } {
    const { inputs, problems } = decodeState(search.toString(), notebook);
    if (!this.dataMonths) return { inputs, problems };
    const { first, last } = this.dataMonths;
    for (const [name, cell] of indexNotebook(notebook).inputs) {
      if (cell.spec.type !== 'period') continue;
      const fallback = { from: cell.spec.from, to: cell.spec.to };
      const value = inputs[name] ?? fallback;
      if (!isPeriod(value)) continue;
      const fitted = fitPeriod(value.from, value.to, first, last, fallback);
      if (fitted.problem === undefined) continue;
      inputs[name] = { from: fitted.from, to: fitted.to };
      problems.push(fitted.problem);
    }
    return { inputs, problems };
  }

  /** Reruns one cell (and what depends on it). */
  rerun(name: string): void {
    this.runtime.invalidate([name]);
    void this.run();
  }

  /** The notebook as file text, for download. */
  text(): string {
    return serializeNotebook(this.notebook);
  }

  dispose(): void {
    // Released, not left hanging: the page asks its next session (ReportActions' whenSettled).
    for (const resolve of this.waiting.splice(0)) resolve();
    this.pendingUrl = null;
    this.unsubscribe();
    this.runtime.dispose();
  }

  private show(s: RuntimeSnapshot): void {
    this.snapshot = s;
    this.values = s.inputs;
    this.running = s.running;
    if (!s.running) for (const resolve of this.waiting.splice(0)) resolve();
    // Untracked: a runtime change made inside an effect must not make that effect read the maps it writes.
    untrack(() => {
      syncMap(this.cells, s.cells);
      syncMap(this.inputs, s.inputs);
    });
  }

  private commit(next: History): void {
    if (next === this.history) return;
    this.history = next;
    this.runtime.replaceNotebook(runnable(next.present));
    void this.run();
    this.sinks.save(serializeNotebook(next.present)).then(
      () => (this.saveError = null),
      (error: unknown) => (this.saveError = `Ändringen kunde inte sparas i webbläsaren: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

/** Makes `map` hold `record`'s entries; an entry whose value is the same object is left alone. */
function syncMap<V>(map: SvelteMap<string, V>, record: Readonly<Record<string, V>>): void {
  for (const key of map.keys()) if (!(key in record)) map.delete(key);
  for (const [key, value] of Object.entries(record)) map.set(key, value);
}
