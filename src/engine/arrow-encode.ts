import { Dictionary, Int32, Table, Utf8, makeData, makeVector, vectorFromArray, type Vector } from 'apache-arrow';

interface ColumnDictionary {
  readonly type: Dictionary<Utf8, Int32>;
  readonly values: Vector<Utf8>;
  readonly index: Map<string, number>;
}

/**
 * Rewrites low-cardinality text columns (hushållstyp, enhet, kanal …) as Arrow dictionaries with one
 * fixed dictionary per column, so a 12 M-row file stays small and every batch shares the dictionary.
 */
export class DictionaryEncoder {
  private readonly dictionaries = new Map<string, ColumnDictionary>();

  /** `distinct` holds each text column's distinct values; columns with more than `maxSize` stay plain. */
  constructor(distinct: Record<string, readonly string[]>, maxSize = 4096) {
    let id = 0;
    for (const [column, values] of Object.entries(distinct)) {
      if (values.length > maxSize) continue;
      const sorted = [...values].sort();
      this.dictionaries.set(column, {
        type: new Dictionary(new Utf8(), new Int32(), id++, false),
        values: vectorFromArray(sorted, new Utf8()),
        index: new Map(sorted.map((v, i) => [v, i])),
      });
    }
  }

  /** Whether `column` is dictionary-encoded. */
  has(column: string): boolean {
    return this.dictionaries.has(column);
  }

  /** Re-encodes a table's dictionary columns; other columns pass through unchanged. */
  encode(table: Table): Table {
    const columns: Record<string, Vector> = {};
    for (const field of table.schema.fields) {
      const column = table.getChild(field.name)!;
      const dict = this.dictionaries.get(field.name);
      columns[field.name] = dict ? encodeColumn(field.name, column, dict) : column;
    }
    return new Table(columns);
  }
}

function encodeColumn(name: string, column: Vector, dict: ColumnDictionary): Vector {
  const n = column.length;
  const indices = new Int32Array(n);
  const valid = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = column.get(i) as string | null;
    if (v === null) {
      nullCount++;
      continue;
    }
    const k = dict.index.get(v);
    if (k === undefined) throw new Error(`Värdet "${v}" i kolumnen ${name} saknas i ordlistan.`);
    indices[i] = k;
    valid[i >> 3]! |= 1 << (i & 7);
  }
  return makeVector(
    makeData({ type: dict.type, length: n, nullCount, nullBitmap: nullCount ? valid : null, data: indices, dictionary: dict.values }),
  );
}
