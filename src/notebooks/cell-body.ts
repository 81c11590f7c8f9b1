import { MONTH_PATTERN as MONTH } from '../format/month.ts';
import {
  CHART_TYPES,
  FORMATS,
  INPUT_TYPES,
  NAME_PATTERN,
  type ChartSpec,
  type Format,
  type InputSpec,
  type JsonValue,
  type SimulationSpec,
} from './types.ts';

/** A syntax problem inside one cell, with the 1-based file line it is on. */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CellSyntaxError';
  }
}

interface Entry {
  readonly value: string;
  readonly line: number;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_.]*)\s*:(.*)$/;

/** Reads `key: value` lines; `firstLine` is the file line of the body's first line. Stops at a JSON line when `allowJson`. */
export function readEntries(body: string, firstLine: number, what: string, allowJson = false): { entries: Map<string, Entry>; json?: { text: string; line: number } } {
  const entries = new Map<string, Entry>();
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = firstLine + i;
    if (raw.trim() === '') continue;
    if (allowJson && /^\s*[[{]/.test(raw)) return { entries, json: { text: lines.slice(i).join('\n'), line } };
    const m = KEY_LINE.exec(raw);
    if (!m) throw new CellSyntaxError(`Raden i ${what} ska ha formen "nyckel: värde" (rad ${line}).`, line);
    const key = m[1]!;
    const value = m[2]!.trim();
    if (entries.has(key)) throw new CellSyntaxError(`Nyckeln "${key}" förekommer två gånger i ${what} (rad ${line}).`, line);
    if (value === '') throw new CellSyntaxError(`Nyckeln "${key}" saknar värde i ${what} (rad ${line}).`, line);
    entries.set(key, { value, line });
  }
  return { entries };
}

/** Consumes entries by key, so leftovers can be reported as unknown keys. */
export class Reader {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly entries: Map<string, Entry>,
    private readonly what: string,
    private readonly fallbackLine: number,
  ) {}

  optional(key: string): string | undefined {
    const e = this.entries.get(key);
    if (e) this.seen.set(key, e.line);
    this.entries.delete(key);
    return e?.value;
  }

  required(key: string): string {
    const e = this.optional(key);
    if (e === undefined) throw new CellSyntaxError(`${capitalise(this.what)} saknar "${key}:" (rad ${this.fallbackLine}).`, this.fallbackLine);
    return e;
  }

  /** File line of a key already read, for messages that point at it. */
  line(key: string): number {
    return this.seen.get(key) ?? this.fallbackLine;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], value: string | undefined): T | undefined {
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      const line = this.line(key);
      throw new CellSyntaxError(`Okänt värde "${value}" för "${key}" i ${this.what} (rad ${line}); tillåtna: ${allowed.join(', ')}.`, line);
    }
    return value as T;
  }

  name(key: string, value: string | undefined): string | undefined {
    if (value !== undefined && !NAME_PATTERN.test(value)) {
      const line = this.line(key);
      throw new CellSyntaxError(`"${key}: ${value}" i ${this.what} är inget giltigt namn (a–z, siffror och _; rad ${line}).`, line);
    }
    return value;
  }

  number(key: string, value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const n = Number(value.replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(n)) {
      const line = this.line(key);
      throw new CellSyntaxError(`"${key}: ${value}" i ${this.what} är inget tal (rad ${line}).`, line);
    }
    return n;
  }

  /** Every key must have been read; anything left is a typo the user should hear about. */
  finish(): void {
    for (const [key, e] of this.entries) {
      throw new CellSyntaxError(`Okänd nyckel "${key}" i ${this.what} (rad ${e.line}).`, e.line);
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Parses a chart cell's body. */
export function parseChartBody(body: string, firstLine: number, name: string): ChartSpec {
  const what = `diagramcellen ${name}`;
  const r = new Reader(readEntries(body, firstLine, what).entries, what, firstLine - 1);
  const spec: ChartSpec = stripUndefined({
    type: r.oneOf('type', CHART_TYPES, r.required('type'))!,
    data: r.name('data', r.required('data'))!,
    x: r.optional('x'),
    y: r.optional('y'),
    series: r.optional('series'),
    compare: r.optional('compare'),
    format: r.oneOf<Format>('format', FORMATS, r.optional('format')),
    title: r.optional('title'),
    select: r.name('select', r.optional('select')),
  });
  r.finish();
  const needs: Partial<Record<ChartSpec['type'], readonly ('x' | 'y')[]>> = { line: ['x', 'y'], bar: ['x', 'y'], area: ['x', 'y'], kpi: ['y'], distribution: ['y'] };
  for (const key of needs[spec.type] ?? []) {
    if (spec[key] === undefined) throw new CellSyntaxError(`Diagram av typen ${spec.type} i ${what} behöver "${key}:".`, firstLine - 1);
  }
  return spec;
}

/** Writes a chart spec in canonical key order. */
export function serializeChartBody(spec: ChartSpec): string {
  return entriesToText([
    ['type', spec.type],
    ['data', spec.data],
    ['x', spec.x],
    ['y', spec.y],
    ['series', spec.series],
    ['compare', spec.compare],
    ['format', spec.format],
    ['title', spec.title],
    ['select', spec.select],
  ]);
}

/** Parses an input cell's body. */
export function parseInputBody(body: string, firstLine: number, name: string): InputSpec {
  const what = `inmatningscellen ${name}`;
  const r = new Reader(readEntries(body, firstLine, what).entries, what, firstLine - 1);
  const type = r.oneOf('type', INPUT_TYPES, r.required('type'))!;
  const label = r.optional('label');
  let spec: InputSpec;
  if (type === 'period') {
    const from = r.required('from');
    const to = r.required('to');
    for (const [k, v] of [['from', from], ['to', to]] as const) {
      if (!MONTH.test(v)) throw new CellSyntaxError(`"${k}: ${v}" i ${what} ska vara en månad som ÅÅÅÅ-MM.`, r.line(k));
    }
    if (from > to) throw new CellSyntaxError(`Perioden i ${what} börjar (${from}) efter att den slutar (${to}).`, firstLine - 1);
    spec = stripUndefined({ type, label, from, to });
  } else if (type === 'select' || type === 'multiselect') {
    const options = list(r.optional('options'));
    const column = r.name('column', r.optional('column'));
    const from = r.name('from', r.optional('from'));
    const rawDefault = r.optional('default');
    if ((options === undefined) === (column === undefined)) {
      throw new CellSyntaxError(`${capitalise(what)} behöver antingen "options:" eller "column:".`, firstLine - 1);
    }
    if (from !== undefined && column === undefined) throw new CellSyntaxError(`"from:" i ${what} kräver "column:".`, firstLine - 1);
    const def = type === 'multiselect' ? list(rawDefault) : rawDefault;
    spec = stripUndefined({ type, label, options, column, from, default: def });
  } else if (type === 'slider') {
    const min = r.number('min', r.required('min'))!;
    const max = r.number('max', r.required('max'))!;
    const step = r.number('step', r.optional('step'));
    const def = r.number('default', r.optional('default'));
    const format = r.oneOf<Format>('format', FORMATS, r.optional('format'));
    if (def !== undefined && !(min <= def && def <= max)) throw new CellSyntaxError(`Startvärdet ${def} i ${what} ligger utanför ${min}–${max}.`, firstLine - 1);
    if (step !== undefined && step <= 0) throw new CellSyntaxError(`"step" i ${what} måste vara större än 0.`, firstLine - 1);
    spec = stripUndefined({ type, label, min, max, step, default: def, format });
  } else {
    const raw = r.required('default');
    const truthy = ['true', 'ja'];
    const falsy = ['false', 'nej'];
    if (!truthy.includes(raw) && !falsy.includes(raw)) {
      throw new CellSyntaxError(`"default: ${raw}" i ${what} ska vara true eller false.`, r.line('default'));
    }
    spec = stripUndefined({ type, label, default: truthy.includes(raw) });
  }
  r.finish();
  return spec;
}

/** Writes an input spec in canonical key order. */
export function serializeInputBody(spec: InputSpec): string {
  switch (spec.type) {
    case 'period':
      return entriesToText([['type', spec.type], ['label', spec.label], ['from', spec.from], ['to', spec.to]]);
    case 'select':
    case 'multiselect':
      return entriesToText([
        ['type', spec.type],
        ['label', spec.label],
        ['options', spec.options?.join(', ')],
        ['column', spec.column],
        ['from', spec.from],
        ['default', Array.isArray(spec.default) ? spec.default.join(', ') : (spec.default as string | undefined)],
      ]);
    case 'slider':
      return entriesToText([
        ['type', spec.type],
        ['label', spec.label],
        ['min', String(spec.min)],
        ['max', String(spec.max)],
        ['step', spec.step === undefined ? undefined : String(spec.step)],
        ['default', spec.default === undefined ? undefined : String(spec.default)],
        ['format', spec.format],
      ]);
    case 'toggle':
      return entriesToText([['type', spec.type], ['label', spec.label], ['default', String(spec.default)]]);
  }
}

/** Parses a simulation cell's body: `scenario:`, `title:`, `set.<path>: <input>` lines, then optional inline JSON. */
export function parseSimulationBody(body: string, firstLine: number, name: string): SimulationSpec {
  const what = `simuleringscellen ${name}`;
  const { entries, json } = readEntries(body, firstLine, what, true);
  const set: Record<string, string> = {};
  for (const [key, e] of [...entries]) {
    if (!key.startsWith('set.')) continue;
    const path = key.slice(4);
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/.test(path)) throw new CellSyntaxError(`Ogiltig sökväg "${path}" i ${what} (rad ${e.line}).`, e.line);
    if (!NAME_PATTERN.test(e.value)) throw new CellSyntaxError(`"${key}: ${e.value}" i ${what} ska namnge en inmatning (rad ${e.line}).`, e.line);
    set[path] = e.value;
    entries.delete(key);
  }
  const r = new Reader(entries, what, firstLine - 1);
  const scenarioText = r.optional('scenario');
  const forecast = r.optional('forecast');
  const title = r.optional('title');
  r.finish();
  const fromInput = scenarioText === undefined ? undefined : /^\$\{\s*([\p{L}_][\p{L}\p{N}_]*)\s*\}$/u.exec(scenarioText)?.[1];
  const scenario = fromInput === undefined ? scenarioText : undefined;
  if (forecast !== undefined && !/^[\p{L}_][\p{L}\p{N}_]*(\.(to|from))?$/u.test(forecast)) {
    throw new CellSyntaxError(`"forecast: ${forecast}" i ${what} ska namnge en inmatning, t.ex. period.to.`, firstLine - 1);
  }
  let inline: JsonValue | undefined;
  if (json) {
    try {
      inline = JSON.parse(json.text) as JsonValue;
    } catch (error) {
      throw new CellSyntaxError(`Scenariot i ${what} är ingen giltig JSON (rad ${json.line}): ${(error as Error).message}`, json.line);
    }
  }
  if ((scenarioText === undefined) === (inline === undefined)) {
    throw new CellSyntaxError(`${capitalise(what)} behöver antingen "scenario: <filnamn>", "scenario: \${inmatning}" eller ett scenario som JSON.`, firstLine - 1);
  }
  if (scenario !== undefined && !/^[A-Za-z0-9_-]+$/.test(scenario)) {
    throw new CellSyntaxError(`Scenariofilens namn "${scenario}" i ${what} får bara innehålla a–z, siffror, - och _.`, firstLine - 1);
  }
  return stripUndefined({ scenario, scenarioInput: fromInput, forecast, inline, set, title });
}

/** Writes a simulation spec in canonical order; inline JSON is indented by two spaces. */
export function serializeSimulationBody(spec: SimulationSpec): string {
  const head = entriesToText([
    ['scenario', spec.scenarioInput === undefined ? spec.scenario : `\${${spec.scenarioInput}}`],
    ['forecast', spec.forecast],
    ['title', spec.title],
    ...Object.entries(spec.set).map(([path, input]) => [`set.${path}`, input] as [string, string]),
  ]);
  if (spec.inline === undefined) return head;
  const json = JSON.stringify(spec.inline, null, 2);
  return head === '' ? json : `${head}\n${json}`;
}

/** Writes `key: value` lines, skipping absent values. */
export function entriesToText(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  return pairs
    .filter((p): p is readonly [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

/** Drops keys whose value is undefined, so parsed specs deep-equal constructed ones. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
