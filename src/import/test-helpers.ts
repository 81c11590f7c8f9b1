import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importTable, readCsvBytes, type ImportOptions, type ImportResult } from './import.ts';

/** Path of a file in tests/fixtures/import. */
export function importFixture(name: string): string {
  return fileURLToPath(new URL(`../../tests/fixtures/import/${name}`, import.meta.url));
}

/** Reads and imports a fixture through the one import path (tests only: uses node:fs). */
export async function importFixtureFile(name: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importTable(readCsvBytes(new Uint8Array(readFileSync(importFixture(name)))), options);
}
