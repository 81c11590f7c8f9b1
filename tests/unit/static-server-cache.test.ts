import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { IMMUTABLE, REVALIDATE, startServer } from '../../scripts/static-server.mjs';
import { SECURITY_HEADERS } from '../../scripts/security-headers.mjs';
import { precompress } from '../../scripts/precompress.mjs';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

// A script of some size that compresses well, like the built bundles.
const SCRIPT = 'export const rows = [' + Array.from({ length: 4000 }, (_, i) => `{"manad":"2024-${(i % 12) + 1}","kr":${i * 7}}`).join(',') + '];\n';

describe('static server: caching and compression', () => {
  let root: string;
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'static-cache-'));
    await mkdir(join(root, 'assets'));
    await mkdir(join(root, 'data'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>' + '<p>ekonomiskt bistånd</p>'.repeat(100));
    await writeFile(join(root, 'assets', 'main-D79m1PON.js'), SCRIPT);
    await writeFile(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(root, 'data', 'rader.csv'), SCRIPT);
    const server = await startServer(root, 0);
    port = Number(new URL(server.url).port);
    close = server.close;
  });
  afterAll(async () => {
    await close();
    await rm(root, { recursive: true, force: true });
  });

  it('sends brotli when the browser asks for it, and the bytes decompress to the file', async () => {
    const reply = await get(port, '/assets/main-D79m1PON.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(reply.body).toString()).toBe(SCRIPT);
    expect(reply.body.length).toBeLessThan(SCRIPT.length / 4);
  });

  it('falls back to gzip, then to the plain file; q=0 refuses a coding', async () => {
    const gz = await get(port, '/assets/main-D79m1PON.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const refused = await get(port, '/assets/main-D79m1PON.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const plain = await get(port, '/assets/main-D79m1PON.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('hashed assets are immutable for a year; index.html and data are revalidated', async () => {
    expect((await get(port, '/assets/main-D79m1PON.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/data/rader.csv', '/assets/logo.svg']) {
      expect((await get(port, path)).headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('answers a matching If-None-Match with 304 and no body, per encoding', async () => {
    const first = await get(port, '/index.html', { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+-br"$/);
    const again = await get(port, '/index.html', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // The brotli tag does not validate the gzip body.
    expect((await get(port, '/index.html', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
    expect((await get(port, '/index.html', { 'if-none-match': 'W/"annan"' })).status).toBe(200);
  });

  it('a changed file gets a new ETag', async () => {
    const before = String((await get(port, '/data/rader.csv')).headers.etag);
    await writeFile(join(root, 'data', 'rader.csv'), SCRIPT + 'x\n');
    const after = await get(port, '/data/rader.csv', { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before);
  });

  it('uses the build step\'s .br copy when current, never a stale one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'precompress-'));
    try {
      await writeFile(join(dir, 'a.js'), SCRIPT);
      await writeFile(join(dir, 'liten.js'), 'x');
      const totals = await precompress(dir);
      expect(totals.files).toBe(1);
      expect(brotliDecompressSync(await readFile(join(dir, 'a.js.br'))).toString()).toBe(SCRIPT);
      expect(gunzipSync(await readFile(join(dir, 'a.js.gz'))).toString()).toBe(SCRIPT);
      await expect(readFile(join(dir, 'liten.js.br'))).rejects.toThrow();

      const server = await startServer(dir, 0);
      const p = Number(new URL(server.url).port);
      try {
        const fresh = await get(p, '/a.js', { 'accept-encoding': 'br' });
        expect(fresh.body.equals(await readFile(join(dir, 'a.js.br')))).toBe(true);
        // The source changed after the build: its old .br must not be sent.
        await writeFile(join(dir, 'b.js'), SCRIPT);
        await precompress(dir);
        await writeFile(join(dir, 'b.js'), 'export const x = 1;\n'.repeat(200));
        const later = new Date(Date.now() + 5000);
        await utimes(join(dir, 'b.js'), later, later);
        const stale = await get(p, '/b.js', { 'accept-encoding': 'br' });
        expect(brotliDecompressSync(stale.body).toString()).toBe('export const x = 1;\n'.repeat(200));
      } finally {
        await server.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/deployment.md', () => {
  it('quotes the headers the server actually sends', async () => {
    const doc = await readFile('docs/deployment.md', 'utf8');
    expect(doc).toContain(`Cache-Control: ${IMMUTABLE}`);
    expect(doc).toContain(`Cache-Control: ${REVALIDATE}`);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      const header = name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
      expect(doc, name).toContain(`${header}: ${value}`);
    }
  });
});
