import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from './parse.ts';
import { serializeNotebook } from './serialize.ts';
import { CHART_TYPES, FORMATS, type Cell, type InputSpec, type JsonValue, type Notebook } from './types.ts';

const letters = 'abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ';
const word = fc.string({ unit: fc.constantFrom(...letters.split('')), minLength: 1, maxLength: 8 });
const name = fc.tuple(fc.constantFrom(...'abcxyz_'.split('')), fc.string({ unit: fc.constantFrom(...'abc_019'.split('')), maxLength: 6 })).map(([a, b]) => a + b);
/** A one-line value as `key: value` keeps it: trimmed, non-empty, no commas (lists use them). */
const value = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const anyLine = fc.string({ unit: fc.constantFrom(...`${letters} 0123456789'"\`;*(),.=<>-{}$`.split('')), maxLength: 30 });
const month = fc.record({ y: fc.integer({ min: 2000, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
const num = fc.integer({ min: -4000, max: 4000 }).map((n) => n / 4);

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const markdown = fc
  .array(fc.oneof(fc.constant(''), fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '))), { minLength: 1, maxLength: 5 })
  .map((lines) => lines.join('\n').trim())
  .filter((md) => md !== '');

const inputSpec: fc.Arbitrary<InputSpec> = fc.oneof(
  fc.tuple(month, month, opt(value)).map(([a, b, label]) => defined({ type: 'period' as const, label, from: a < b ? a : b, to: a < b ? b : a })),
  fc.record({ type: fc.constantFrom('select' as const), label: opt(value), options: fc.array(value, { minLength: 1, maxLength: 4 }), def: opt(value) }).map(({ type, label, options, def }) => defined({ type, label, options, default: def })),
  fc.record({ label: opt(value), column: name, from: opt(name), def: opt(fc.array(value, { minLength: 1, maxLength: 3 })) }).map(({ label, column, from, def }) => defined({ type: 'multiselect' as const, label, column, from, default: def })),
  fc.record({ a: num, b: num, c: num, step: opt(fc.integer({ min: 1, max: 100 }).map((n) => n / 4)), label: opt(value), format: opt(fc.constantFrom(...FORMATS)) }).map(({ a, b, c, step, label, format }) => {
    const [min, def, max] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
    return defined({ type: 'slider' as const, label, min, max, step, default: def, format });
  }),
  fc.record({ label: opt(value), def: fc.boolean() }).map(({ label, def }) => defined({ type: 'toggle' as const, label, default: def })),
);

const json: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, fc.integer(), value, fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(name, tie('v'), { maxKeys: 3 })),
})).v;

const cell: fc.Arbitrary<Cell> = fc.oneof(
  markdown.map((md) => ({ kind: 'text' as const, markdown: md })),
  fc.record({ n: name, lines: fc.array(anyLine, { minLength: 1, maxLength: 5 }) })
    .filter(({ lines }) => lines.join('').trim() !== '')
    .map(({ n, lines }) => ({ kind: 'sql' as const, name: n, sql: lines.join('\n') })),
  fc.record({ n: name, type: fc.constantFrom(...CHART_TYPES), data: name, x: value, y: value, series: opt(value), compare: opt(value), format: opt(fc.constantFrom(...FORMATS)), title: opt(value), select: opt(name) })
    .map(({ n, ...spec }) => ({ kind: 'chart' as const, name: n, spec: defined(spec) })),
  fc.record({ n: name, spec: inputSpec }).map(({ n, spec }) => ({ kind: 'input' as const, name: n, spec })),
  fc.record({ n: name, scenario: fc.option(fc.stringMatching(/^[a-z0-9_-]{1,10}$/), { nil: undefined }), inline: fc.dictionary(name, json, { maxKeys: 3 }), set: fc.dictionary(fc.tuple(name, opt(name)).map(([a, b]) => (b ? `${a}.${b}` : a)), name, { maxKeys: 3 }), title: opt(value) })
    .map(({ n, scenario, inline, set, title }) => ({ kind: 'simulation' as const, name: n, spec: defined({ scenario, inline: scenario === undefined ? inline : undefined, set, title }) })),
);

/** Adjacent text cells are one cell in a file, and names are unique: normalise generated notebooks the same way. */
function normalise(cells: Cell[]): Cell[] {
  const out: Cell[] = [];
  cells.forEach((c, i) => {
    const prev = out.at(-1);
    if (c.kind === 'text' && prev?.kind === 'text') out[out.length - 1] = { kind: 'text', markdown: `${prev.markdown}\n\n${c.markdown}` };
    else out.push(c.kind === 'text' || c.kind === 'error' ? c : { ...c, name: `${c.name}_${i}` });
  });
  return out;
}

const notebook: fc.Arbitrary<Notebook> = fc.record({
  title: fc.oneof(fc.constant(''), value),
  description: fc.oneof(fc.constant(''), value),
  extra: fc.dictionary(name.filter((k) => k !== 'title' && k !== 'description'), fc.oneof(fc.constant(''), value), { maxKeys: 2 }),
  cells: fc.array(cell, { maxLength: 8 }),
}).map(({ title, description, extra, cells }) => ({ meta: { title, description, extra }, cells: normalise(cells), problems: [] }));

describe('parseNotebook(serializeNotebook(nb))', () => {
  it('deep-equals nb for generated notebooks, and the text is a fixed point', () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const text = serializeNotebook(nb);
        const back = parseNotebook(text);
        expect(back).toEqual(nb);
        expect(serializeNotebook(back)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});
