import { describe, expect, it } from 'vitest';
import { RecordBatchStreamWriter, Table, Utf8, Float64, tableFromIPC, DataType, vectorFromArray } from 'apache-arrow';

/** Plain Utf8 text columns, as the Node connector returns them. */
const text = (values: (string | null)[]) => vectorFromArray(values, new Utf8());
const tableFromArrays = (cols: Record<string, (string | null)[] | Float64Array>) =>
  new Table(Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v instanceof Float64Array ? vectorFromArray(Array.from(v), new Float64()) : text(v)])));
import { DictionaryEncoder } from './arrow-encode.ts';

describe('DictionaryEncoder.encode(table) → table', () => {
  it('dictionary-encodes small text columns across batches and round-trips through IPC, nulls included', () => {
    const encoder = new DictionaryEncoder({ enhet: ['Norr', 'Söder'], hushall_id: ['a', 'b', 'c'] }, 2);
    const writer = new RecordBatchStreamWriter();
    const parts = [
      tableFromArrays({ hushall_id: ['a', 'b'], enhet: ['Söder', 'Norr'], kr: new Float64Array([1, 2]) }),
      tableFromArrays({ hushall_id: ['c'], enhet: [null], kr: new Float64Array([3]) }),
    ];
    for (const part of parts) for (const batch of encoder.encode(part).batches) writer.write(batch);
    const back = tableFromIPC(writer.finish().toUint8Array(true));
    expect(DataType.isDictionary(back.schema.fields.find((f) => f.name === 'enhet')!.type)).toBe(true);
    expect(DataType.isDictionary(back.schema.fields.find((f) => f.name === 'hushall_id')!.type)).toBe(false);
    expect(back.toArray().map((r) => r.toJSON())).toEqual([
      { hushall_id: 'a', enhet: 'Söder', kr: 1 },
      { hushall_id: 'b', enhet: 'Norr', kr: 2 },
      { hushall_id: 'c', enhet: null, kr: 3 },
    ]);
  });

  it('refuses a value missing from the dictionary instead of writing a wrong code', () => {
    const encoder = new DictionaryEncoder({ enhet: ['Norr'] });
    expect(() => encoder.encode(tableFromArrays({ enhet: ['Väster'] }))).toThrow(/Väster.*enhet/);
  });
});
