import type { UserSqlConnector } from '../engine/index.ts';
import { sha256Hex, snapshotPathFor, toFirstScreens, type DataFingerprint, type FirstScreens } from '../metrics/index.ts';

/**
 * The pre-computed first screens (src/metrics/snapshot.ts) on the page: fetched at once, shown while
 * DuckDB-WASM starts, and kept only while the data actually loaded has the fingerprint they were
 * computed from. See docs/architecture.md, "Förberäknat".
 */

/** Fetches the snapshot written next to a data file; null when there is none or it is not ours. */
export async function fetchFirstScreens(dataUrl: string): Promise<FirstScreens | null> {
  try {
    const response = await fetch(snapshotPathFor(dataUrl));
    if (!response.ok) return null;
    return toFirstScreens(await response.json());
  } catch {
    // No snapshot is no error: the page simply waits for the engine, as before.
    return null;
  }
}

/**
 * A `fetch` for the data file that also reports the bytes' size and SHA-256, so the snapshot can be
 * checked against exactly what the engine is given (the row count comes from the engine afterwards).
 */
export function fingerprintingFetch(report: (file: Omit<DataFingerprint, 'rows'>) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    report({ bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
    return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The target of `deferredConnector`'s proxy (see there). */
class PendingEngine {}

/**
 * A connector whose statements wait until the real engine is ready, so the pages can mount (and show
 * the snapshot) before it has started; once ready, every call goes straight through. If the snapshot
 * is dropped, `ready` never settles and the pages built on this connector are replaced unasked.
 */
export function deferredConnector(ready: Promise<UserSqlConnector>): UserSqlConnector {
  // A proxy, so every method of the connector interface is forwarded as it grows. Its target is a
  // class instance, not a plain object: Svelte's $state would wrap a plain object in its own proxy,
  // which reads the target's own properties and never reaches this one's `get`.
  return new Proxy(new PendingEngine() as unknown as UserSqlConnector, {
    get: (_, key) => {
      // Not a promise itself (`await handle.db` must not wait on the engine), nor anything but methods.
      if (key === 'then' || typeof key === 'symbol') return undefined;
      return async (...args: unknown[]) => {
        const db = await ready;
        const method = db[key as keyof UserSqlConnector] as unknown as (...a: unknown[]) => unknown;
        return method.apply(db, args);
      };
    },
  });
}

/** The snapshot a page may start from, and what the engine is doing meanwhile (null once live). */
export class FirstScreen {
  snapshot = $state.raw<FirstScreens | null>(null);
  step = $state<string | null>(null);

  constructor(snapshot: FirstScreens, step: string) {
    this.snapshot = snapshot;
    this.step = step;
  }
}
