// A small static file server for the built dashboard (dist/), bound to the loopback address.
// Used by `npm start`, `vite preview` and the browser tests. Hashed assets are sent as immutable, the rest
// with an ETag to revalidate; brotli or gzip as the browser asks (README, "Driftsättning"). Every
// response, errors included, carries the security headers of security-headers.mjs; see docs/security.md.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './security-headers.mjs';
import { COMPRESSIBLE, TYPES } from './content-types.mjs';
import { brotliOptions } from './precompress.mjs';

/**
 * Vite names built assets `name-<8+ character hash>.ext`: their content never changes under that name,
 * so browsers may keep them a year without asking again (the wasm is then never downloaded twice).
 */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, the data files) may be kept but must be revalidated with its ETag. */
export const REVALIDATE = 'no-cache';

/** The Cache-Control value for a URL path. */
export function cacheControl(urlPath) {
  return HASHED_ASSET.test(urlPath) ? IMMUTABLE : REVALIDATE;
}

/** Whether an Accept-Encoding header accepts `coding` (a listed token whose q is not 0). */
export function accepts(header, coding) {
  for (const part of String(header ?? '').toLowerCase().split(',')) {
    const [token, ...params] = part.trim().split(';');
    if (token.trim() !== coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/** An If-None-Match header matches `etag` (weak or strong form, or `*`). */
function matchesEtag(header, etag) {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

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
 * The request handler behind `startServer` and `vite preview` (vite.config.ts), so both send the same
 * headers. Files are cached in memory with their ETag and compressed copies: the `.br`/`.gz` written by
 * scripts/precompress.mjs at build when present and current, otherwise compressed once here.
 */
export function createHandler(root, options = {}) {
  const base = resolve(root);
  const allowedHosts = new Set(['localhost', '127.0.0.1', '[::1]', ...(options.hosts ?? []).map((h) => hostName(h))]);
  const log = options.log ?? ((...args) => console.error(...args));
  const files = new Map();

  const fail = (res, status, extra = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra });
    res.end(REASONS[status]);
  };

  /** The file's bytes, strong ETag and compressed copies, read again only when it changed on disk. */
  const load = async (file, info) => {
    const cached = files.get(file);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(file);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const entry = { size: info.size, mtimeMs: info.mtimeMs, body, etag, encoded: new Map() };
    files.set(file, entry);
    return entry;
  };

  const encoded = async (file, entry, coding) => {
    let data = entry.encoded.get(coding);
    if (data) return data;
    const sibling = `${file}.${coding === 'br' ? 'br' : 'gz'}`;
    const info = await stat(sibling).catch(() => null);
    if (info?.isFile() && info.mtimeMs >= entry.mtimeMs) data = await readFile(sibling);
    // Built without precompress.mjs (a test's own build): a fast brotli level, compressed once.
    else data = coding === 'br' ? brotliCompressSync(entry.body, brotliOptions(entry.size, 5)) : gzipSync(entry.body, { level: 6 });
    entry.encoded.set(coding, data);
    return data;
  };

  // requireHostHeader off (startServer): a request without Host then gets our 400 with the security headers, not Node's bare one.
  return async (req, res) => {
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
      const entry = await load(file, info);
      const ext = extname(file);
      const compressible = COMPRESSIBLE.has(ext);
      const coding = !compressible ? null : accepts(req.headers['accept-encoding'], 'br') ? 'br' : accepts(req.headers['accept-encoding'], 'gzip') ? 'gzip' : null;
      const etag = coding ? `${entry.etag.slice(0, -1)}-${coding}"` : entry.etag;
      const headers = {
        ...SECURITY_HEADERS,
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': cacheControl(path.endsWith('/') ? `${path}${basename(file)}` : path),
        etag,
        ...(compressible ? { vary: 'accept-encoding' } : {}),
      };
      if (matchesEtag(req.headers['if-none-match'], etag)) return res.writeHead(304, headers).end();
      if (!coding) return res.writeHead(200, { ...headers, 'content-length': entry.body.length }).end(entry.body);
      const data = await encoded(file, entry, coding);
      res.writeHead(200, { ...headers, 'content-encoding': coding, 'content-length': data.length }).end(data);
    } catch (error) {
      // The detail goes to the operator's log only; the client gets the generic text.
      log('static-server:', req.method, req.url, error);
      if (!res.headersSent) fail(res, 500);
      else res.destroy();
    }
  };
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port); resolves to { url, close }.
 * `options.hosts` adds host names the server answers to besides localhost, 127.0.0.1 and [::1]
 * (a request naming any other host is refused, against DNS rebinding). `options.log` receives
 * internal errors (default console.error).
 */
export async function startServer(root, port = 0, options = {}) {
  const server = createServer({ requireHostHeader: false }, createHandler(root, options));
  await new Promise((ok, failListen) => {
    server.once('error', failListen);
    server.listen(port, '127.0.0.1', ok);
  });
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}/`;
  return { url, close: () => new Promise((ok) => server.close(() => ok())) };
}
