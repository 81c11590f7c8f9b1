/** Options for `startServer`. */
export interface ServerOptions {
  /** Host names answered besides localhost, 127.0.0.1 and [::1]. */
  hosts?: string[];
  /** Receives internal errors (default console.error); the client never sees them. */
  log?: (...args: unknown[]) => void;
}
/** The Host header's name without its port, lower-cased; '' when missing. */
export function hostName(header: string | undefined): string;
/** Serves `root` on 127.0.0.1:`port` (0 = any free port). */
export function startServer(root: string, port?: number, options?: ServerOptions): Promise<{ url: string; close: () => Promise<void> }>;
