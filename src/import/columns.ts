import { Bool, Float64, Int32, Table, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { CONTRACT, type ColumnKind, type ContractColumnName } from './contract.ts';
import type { ContractColumns } from './validate.ts';

/** The storage type of each contract column kind (docs/data.md: the contract as Parquet). */
export type StorageType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';

const STORAGE: Record<ColumnKind, StorageType> = {
  id: 'VARCHAR', month: 'VARCHAR', amount: 'DOUBLE', count: 'INTEGER', category: 'VARCHAR', text: 'VARCHAR', boolean: 'BOOLEAN',
};

/** The imported columns in contract order, each with its storage type. */
export function typedColumns(columns: ContractColumns): { name: ContractColumnName; type: StorageType; values: ArrayLike<string | number | boolean | null> }[] {
  const byName = columns as unknown as Partial<Record<ContractColumnName, ArrayLike<string | number | boolean | null>>>;
  return CONTRACT.filter((c) => byName[c.name] !== undefined).map((c) => ({ name: c.name, type: STORAGE[c.kind], values: byName[c.name]! }));
}

const ARROW: Record<StorageType, () => DataType> = { VARCHAR: () => new Utf8(), DOUBLE: () => new Float64(), INTEGER: () => new Int32(), BOOLEAN: () => new Bool() };

/** An Arrow table with the contract's column names and types, for the browser's engine. */
export function toArrowTable(columns: ContractColumns): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of typedColumns(columns)) vectors[c.name] = vectorFromArray(Array.from(c.values), ARROW[c.type]());
  return new Table(vectors);
}
