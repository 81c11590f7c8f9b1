import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import { loadSampleData, DataLoadError, type ArrowLoader } from './load-data.ts';
import { NodeConnector } from './node-connector.ts';

/** Node's DuckDB cannot ingest Arrow, so this adapter decodes the IPC and inserts the rows through bound SQL. */
async function nodeArrowLoader(): Promise<ArrowLoader> {
  const db = await NodeConnector.open();
  return Object.assign(db, {
    async loadArrow(table: string, ipc: Uint8Array) {
      const { tableFromIPC } = await import('apache-arrow');
      const t: Table = tableFromIPC(ipc);
      const cols = t.schema.fields.map((f) => f.name);
      await db.query(`CREATE OR REPLACE TABLE ${table} (${cols.map((c) => `"${c}" VARCHAR`).join(', ')})`);
      for (const row of t) {
        const r = row.toJSON() as Record<string, unknown>;
        await db.query(`INSERT INTO ${table} VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => String(r[c])));
      }
    },
  });
}

const respond = (body: string | Uint8Array, status = 200) =>
  (async () => new Response(typeof body === "string" ? body : new Blob([body as Uint8Array<ArrayBuffer>]), { status })) as typeof fetch;

describe('loadSampleData(db, url) → row count', () => {
  it('loads a valid Arrow stream and counts its rows', async () => {
    const ipc = tableToIPC(tableFromArrays({ hushall_id: ['a', 'b'], manad: ['2020-01', '2020-01'], utbetalt_kr: [1, 2] }), 'stream');
    await expect(loadSampleData(await nodeArrowLoader(), 'x.arrow', respond(ipc))).resolves.toBe(2);
  });

  it.each([
    ['a missing file', respond('nope', 404), /hittades inte på webbplatsen \(HTTP 404\)/],
    ['a server error (not "hittades inte")', respond('boom', 500), /^Webbplatsens server svarade med ett fel när datafilen hämtades \(HTTP 500\)/],
    [
      'a cut-off file (not "saknar kolumner")',
      respond(tableToIPC(tableFromArrays({ hushall_id: ['a', 'b'], manad: ['2020-01', '2020-01'], utbetalt_kr: [1, 2] }), 'stream').slice(0, 300)),
      /^Datafilen är avkortad: den slutar efter 300 byte/,
    ],
    ['an empty file', respond(new Uint8Array()), /tom/],
    ['a file that is not Arrow', respond('det här är inte Arrow'), /skadad eller inte i Arrow-format/],
    [
      'a file without a required column',
      respond(tableToIPC(tableFromArrays({ hushall_id: ['a'], manad: ['2020-01'] }), 'stream')),
      /saknar obligatoriska kolumner: utbetalt_kr/,
    ],
  ])('refuses %s with a Swedish message naming the file', async (_, fetcher, message) => {
    const error = await loadSampleData(await nodeArrowLoader(), 'data/x.arrow', fetcher).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataLoadError);
    expect((error as DataLoadError).message).toMatch(message);
    expect((error as DataLoadError).source).toBe('data/x.arrow');
  });
});
