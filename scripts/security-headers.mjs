// The page's security policy, in one place: the static server sends it as headers on every response,
// and index.html carries the same Content-Security-Policy as a meta tag (a test keeps the two equal),
// so it also holds on a web server that sends no headers of its own. See docs/security.md.

/**
 * Only the page's own origin for scripts, styles, fonts, connections and workers. 'wasm-unsafe-eval'
 * lets DuckDB's WebAssembly compile; 'unsafe-inline' styles are Svelte's style attributes. Images may
 * also be data: and blob: URLs (the favicon and generated charts), which never leave the browser.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers for every response, errors included. frame-ancestors works only as a header, never in a meta tag. */
export const SECURITY_HEADERS = {
  'content-security-policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};
