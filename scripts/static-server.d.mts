import type { IncomingMessage, ServerResponse } from 'node:http';

/** Options for `startServer` and `createHandler`. */
export interface ServerOptions {
  /** Host names answered besides localhost, 127.0.0.1 and [::1]. */
  hosts?: string[];
  /** Receives internal errors (default console.error); the client never sees them. */
  log?: (...args: unknown[]) => void;
}
/** The Host header's name without its port, lower-cased; '' when missing. */
export function hostName(header: string | undefined): string;
/** Cache-Control for hashed assets (a year, immutable). */
export const IMMUTABLE: string;
/** Cache-Control for everything else (revalidate with the ETag). */
export const REVALIDATE: string;
/** The Cache-Control value for a URL path. */
export function cacheControl(urlPath: string): string;
/** Whether an Accept-Encoding header accepts `coding`. */
export function accepts(header: string | undefined, coding: string): boolean;
/** The request handler behind `startServer` and `vite preview`. */
export function createHandler(root: string, options?: ServerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** Serves `root` on 127.0.0.1:`port` (0 = any free port). */
export function startServer(root: string, port?: number, options?: ServerOptions): Promise<{ url: string; close: () => Promise<void> }>;
