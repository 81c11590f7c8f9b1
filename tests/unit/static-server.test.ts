import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/static-server.mjs';
import { CONTENT_SECURITY_POLICY } from '../../scripts/security-headers.mjs';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so method and Host header are exactly what the test says (fetch would fix them up). */
function send(port: number, method: string, path: string, host: string | null = `127.0.0.1:${port}`): Promise<Reply> {
  return new Promise((ok, fail) => {
    const headers: Record<string, string> = host === null ? {} : { host };
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

// Written out here, not imported, so a weakened header in the server fails this test.
const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function expectSecurityHeaders(reply: Reply): void {
  expect(reply.headers).toMatchObject(EXPECTED);
  const csp = String(reply.headers['content-security-policy']);
  for (const directive of ["default-src 'self'", "connect-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "worker-src 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toMatch(/\*|https?:/);
}

describe('scripts/static-server.mjs', () => {
  let root: string;
  let port: number;
  let close: () => Promise<void>;
  const logged: unknown[][] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'static-server-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
    await mkdir(join(root, 'data'));
    await writeFile(join(root, 'data', 'a.csv'), 'a\n1\n');
    // A regular file that cannot be read (EIO) drives the handler into its internal-error path.
    await symlink('/proc/self/mem', join(root, 'trasig.html'));
    const server = await startServer(root, 0, { hosts: ['bistand.kommun.se'], log: (...args: unknown[]) => logged.push(args) });
    port = Number(new URL(server.url).port);
    close = server.close;
  });
  afterAll(async () => {
    await close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves GET and HEAD with the security headers', async () => {
    const get = await send(port, 'GET', '/');
    expect(get.status).toBe(200);
    expect(get.body).toContain('<title>x</title>');
    expectSecurityHeaders(get);
    const head = await send(port, 'HEAD', '/data/a.csv');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expectSecurityHeaders(head);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS'])('refuses %s with 405, Allow and the headers', async (method) => {
    const reply = await send(port, method, '/index.html');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
    expect(reply.body).not.toContain('<title>');
    expectSecurityHeaders(reply);
  });

  it.each([
    ['localhost', 200],
    ['localhost:1234', 200],
    ['127.0.0.1', 200],
    ['[::1]:8080', 200],
    ['BISTAND.kommun.se', 200],
    ['evil.example', 421],
    ['evil.example:80', 421],
    ['localhost.evil.example', 421],
    ['127.0.0.1.nip.io', 421],
  ])('Host %s → %i', async (host, status) => {
    const reply = await send(port, 'GET', '/', host);
    expect(reply.status).toBe(status);
    expectSecurityHeaders(reply);
  });

  it('answers a request without Host with 400', async () => {
    const reply = await send(port, 'GET', '/', null);
    expect(reply.status).toBe(400);
    expectSecurityHeaders(reply);
  });

  it.each([
    ['/saknas.html', 404],
    ['/../../etc/passwd', 404],
    ['/%2e%2e/%2e%2e/etc/passwd', 404],
    ['/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', 403],
    ['/%E0%A4%A', 400],
    ['/a%00b', 400],
    ['/trasig.html', 500],
  ])('%s → %i with a generic body that echoes nothing', async (path, status) => {
    const reply = await send(port, 'GET', path);
    expect(reply.status).toBe(status);
    expectSecurityHeaders(reply);
    expect(reply.body.length).toBeLessThan(80);
    expect(reply.body).not.toMatch(/etc|passwd|saknas|trasig|E[IR][A-Z]+|Error|\/tmp|static-server/);
  });

  it('logs the internal error on the server side only', () => {
    expect(logged.map((args) => args.join(' ')).join('\n')).toMatch(/EIO/);
  });

  it('index.html carries the same Content-Security-Policy as a meta tag', async () => {
    const html = await readFile('index.html', 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    // frame-ancestors is ignored (with a console error) in a meta tag; it belongs only in the header.
    expect(meta).not.toContain('frame-ancestors');
    // Like the Referrer-Policy header, for servers that send none: a followed link tells no one where it came from.
    expect(html).toContain('<meta name="referrer" content="no-referrer" />');
  });
});
