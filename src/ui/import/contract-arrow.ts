import { Bool, Dictionary, Float64, Int32, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import { typedColumns } from '../../import/columns.ts';
import type { ContractColumns } from '../../import/validate.ts';

/**
 * The imported contract columns as an Arrow table, built from typed arrays directly. Arrow's own
 * builders (`vectorFromArray`) compile their null check with `new Function`, which the page's
 * Content-Security-Policy forbids (no 'unsafe-eval'), so they cannot run in the browser here.
 */
export function toArrowTableCsp(columns: ContractColumns): Table {
  const vectors: Record<string, Vector> = {};
  let id = 0;
  for (const c of typedColumns(columns)) {
    const v = c.values;
    vectors[c.name] = c.type === 'VARCHAR' ? text(v as ArrayLike<string | null>, id++)
      : c.type === 'DOUBLE' ? numeric(v as ArrayLike<number | null>, new Float64(), Float64Array)
      : c.type === 'INTEGER' ? numeric(v as ArrayLike<number | null>, new Int32(), Int32Array)
      : bool(v as ArrayLike<boolean | null>);
  }
  return new Table(vectors);
}

function validity(values: ArrayLike<unknown>): { bitmap: Uint8Array | null; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap: nulls > 0 ? bitmap : null, nulls };
}

function numeric<T extends Float64 | Int32>(values: ArrayLike<number | null>, type: T, Array: Float64ArrayConstructor | Int32ArrayConstructor): Vector<T> {
  const data = new Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] ?? 0;
  const { bitmap, nulls } = validity(values);
  return makeVector(makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bitmap, data } as never)) as unknown as Vector<T>;
}

function bool(values: ArrayLike<boolean | null>): Vector<Bool> {
  const data = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) if (values[i] === true) data[i >> 3]! |= 1 << (i & 7);
  const { bitmap, nulls } = validity(values);
  return makeVector(makeData({ type: new Bool(), length: values.length, nullCount: nulls, nullBitmap: bitmap, data }));
}

const MAX_DICTIONARY = 4096;

/**
 * Months and category words repeat on every row: those columns become Arrow dictionaries (each
 * distinct text encoded once, as the prepared sample file does); ids and free text stay plain.
 */
function text(values: ArrayLike<string | null>, id: number): Vector {
  const index = new Map<string, number>();
  const keys = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = values[i];
    if (s === null || s === undefined) continue;
    let k = index.get(s);
    if (k === undefined) {
      if (index.size >= MAX_DICTIONARY) return utf8(values);
      index.set(s, (k = index.size));
    }
    keys[i] = k;
  }
  const dictionary = utf8([...index.keys()]);
  const { bitmap, nulls } = validity(values);
  const type = new Dictionary(new Utf8(), new Int32(), id, false);
  return makeVector(makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bitmap, data: keys, dictionary }));
}

function utf8(values: ArrayLike<string | null>): Vector<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  let bytes = new Uint8Array(Math.max(64, values.length * 8));
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const s = values[i];
    if (s) {
      // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
      if (at + s.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, at + s.length * 3));
        grown.set(bytes.subarray(0, at));
        bytes = grown;
      }
      // Ids are nearly always ASCII: copying the code units beats a TextEncoder call per value.
      let ascii = true;
      for (let j = 0; j < s.length; j++) {
        const code = s.charCodeAt(j);
        if (code > 127) {
          ascii = false;
          break;
        }
        bytes[at + j] = code;
      }
      at += ascii ? s.length : encoder.encodeInto(s, bytes.subarray(at)).written;
    }
    offsets[i + 1] = at;
  }
  const { bitmap, nulls } = validity(values);
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data: bytes.subarray(0, at) }));
}
