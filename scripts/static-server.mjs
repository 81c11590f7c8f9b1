// A small static file server for the built dashboard (dist/), bound to the loopback address.
// Used by `npm start` and by the browser tests. It gzips compressible files once and caches them,
// since the DuckDB wasm bundle is ~34 MB raw and ~8 MB compressed. Every response, errors included,
// carries the security headers of security-headers.mjs; see docs/security.md.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './security-headers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.arrow': 'application/vnd.apache.arrow.stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.arrow', '.svg', '.md', '.csv']);

/** Short, generic Swedish bodies: a client never sees a path, a stack or an internal message. */
const REASONS = {
  400: 'Felaktig begäran.',
  403: 'Förbjuden sökväg.',
  404: 'Hittades inte.',
  405: 'Metoden stöds inte. Servern svarar bara på GET och HEAD.',
  421: 'Fel värdnamn för den här servern.',
  500: 'Internt fel i servern. Detaljer finns i serverns logg.',
};

/** The Host header's name without its port, lower-cased; '' when missing. */
export function hostName(header) {
  if (!header) return '';
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d*$/, '');
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port); resolves to { url, close }.
 * `options.hosts` adds host names the server answers to besides localhost, 127.0.0.1 and [::1]
 * (a request naming any other host is refused, against DNS rebinding). `options.log` receives
 * internal errors (default console.error).
 */
export async function startServer(root, port = 0, options = {}) {
  const base = resolve(root);
  const allowedHosts = new Set(['localhost', '127.0.0.1', '[::1]', ...(options.hosts ?? []).map((h) => hostName(h))]);
  const log = options.log ?? ((...args) => console.error(...args));
  const gzCache = new Map();

  const fail = (res, status, extra = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra });
    res.end(REASONS[status]);
  };

  // requireHostHeader off: a request without Host then gets our 400 with the security headers, not Node's bare one.
  const server = createServer({ requireHostHeader: false }, async (req, res) => {
    try {
      const host = hostName(req.headers.host);
      if (!host) return fail(res, 400);
      if (!allowedHosts.has(host)) return fail(res, 421);
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, { allow: 'GET, HEAD' });
      let path;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return fail(res, 400);
      }
      if (path.includes('\0')) return fail(res, 400);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) return fail(res, 403);
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return fail(res, 404);
      const body = await readFile(file);
      const ext = extname(file);
      const headers = {
        ...SECURITY_HEADERS,
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      };
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        let gz = gzCache.get(file);
        if (!gz || gz.size !== body.length) {
          gz = { size: body.length, data: gzipSync(body, { level: 6 }) };
          gzCache.set(file, gz);
        }
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gz.data);
      } else {
        res.writeHead(200, headers).end(body);
      }
    } catch (error) {
      // The detail goes to the operator's log only; the client gets the generic text.
      log('static-server:', req.method, req.url, error);
      if (!res.headersSent) fail(res, 500);
      else res.destroy();
    }
  });
  await new Promise((ok, failListen) => {
    server.once('error', failListen);
    server.listen(port, '127.0.0.1', ok);
  });
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}/`;
  return { url, close: () => new Promise((ok) => server.close(() => ok())) };
}
