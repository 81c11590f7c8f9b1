import { DataType, tableFromIPC } from 'apache-arrow';
import { ImportError } from '../../import/errors.ts';
import { cleanHeader, type RawTable } from '../../import/table.ts';

/**
 * Reads an Arrow IPC file (the prepared form `npm run prepare-data` writes) into a raw table of text,
 * so that it is checked by exactly the same casting rules and guard as a CSV: nothing is trusted
 * because it arrived typed. Parquet needs a DuckDB file reader, which the locked browser engine
 * does not have; it is read by `npm run ingest` instead.
 */
export function readArrowBytes(bytes: Uint8Array): RawTable {
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch {
    throw new ImportError('Filen är inte en läsbar Arrow-fil.', 'broken');
  }
  if (table.schema.fields.length === 0) throw new ImportError('Arrow-filen har inga kolumner.', 'empty');
  const header = cleanHeader(table.schema.fields.map((f) => f.name));
  const columns = table.schema.fields.map((f) => {
    const vector = table.getChild(f.name)!;
    const isDate = DataType.isDate(f.type) || DataType.isTimestamp(f.type);
    const out = new Array<string>(table.numRows);
    for (let i = 0; i < table.numRows; i++) {
      const v: unknown = vector.get(i);
      // Arrow gives dates as epoch milliseconds; the casting rules read YYYY-MM-DD.
      out[i] = isDate && typeof v === 'number' ? new Date(v).toISOString().slice(0, 10) : toText(v);
    }
    return out;
  });
  return { header, columns, rowCount: table.numRows, ragged: new Set(), source: { format: 'parquet', encoding: 'Arrow' } };
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
