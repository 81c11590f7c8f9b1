import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The import runs in the browser too: only node/ (file access) and tests may use Node's modules.
describe('src/import outside node/', () => {
  it('imports no node: module and no DuckDB', () => {
    const dir = new URL('.', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-helpers.ts');
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /from '(node:|@duckdb\/node-api)|import\('node:/.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
