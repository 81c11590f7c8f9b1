import type { Connector } from './connector.ts';

/** Loads one table into the database, through the unwatched connector (its own statements never wait on it). */
export type TableLoader = (raw: Connector) => Promise<void>;

/** The methods whose first argument is SQL: a statement naming a deferred table waits for it to load. */
const SQL_METHODS = new Set(['query', 'queryReadOnly']);

const registries = new WeakMap<object, LazyTables>();

/**
 * Tables that are loaded when the first statement names them, not at start: the big household-month
 * table `hm` and the raw rows, which most pages never read (docs/data.md, "Förberedda tabeller").
 * A statement is matched by the words in its text, so a notebook cell or the SQL console that names
 * `utbetalningar` or `hm` gets them loaded too; a name inside a comment merely loads it early.
 */
export class LazyTables {
  private readonly pending = new Map<string, TableLoader>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly raw: Connector) {}

  /** Defers `name` (case-insensitive) until a statement names it; replaces an earlier loader for it. */
  register(name: string, load: TableLoader): void {
    this.pending.set(name.toLowerCase(), load);
  }

  /** Whether `name` is still waiting to be loaded. */
  isPending(name: string): boolean {
    return this.pending.has(name.toLowerCase());
  }

  /** Drops deferred loads (all, or those named): the data they belonged to was replaced. */
  forget(names?: readonly string[]): void {
    if (!names) this.pending.clear();
    else for (const n of names) this.pending.delete(n.toLowerCase());
  }

  /** Loads every deferred table `sql` names, and waits for those already loading. */
  async ensureFor(sql: string): Promise<void> {
    if (this.pending.size === 0 && this.loading.size === 0) return;
    const words = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
    const waits: Promise<void>[] = [];
    for (const [name, promise] of this.loading) if (words.has(name)) waits.push(promise);
    for (const [name, load] of [...this.pending]) {
      if (!words.has(name)) continue;
      this.pending.delete(name);
      const promise = load(this.raw).then(
        () => void this.loading.delete(name),
        (error: unknown) => {
          // A failed load (network, a refused file) is tried again by the next statement that needs it.
          this.loading.delete(name);
          if (!this.pending.has(name)) this.pending.set(name, load);
          throw error;
        },
      );
      this.loading.set(name, promise);
      waits.push(promise);
    }
    await Promise.all(waits);
  }

  /**
   * The same connector, but every statement first loads the deferred tables it names. All other
   * methods (loadArrow, close, cancel …) pass through to `db` unchanged; `loadArrow` of the raw rows
   * forgets every deferred load, since they belong to the data being replaced, and waits for those
   * already running to finish first.
   */
  wrap<T extends Connector>(db: T): T {
    const proxy = new Proxy(db, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (SQL_METHODS.has(String(prop))) {
          return async (sql: string, ...rest: unknown[]) => {
            await this.ensureFor(sql);
            return method.call(target, sql, ...rest);
          };
        }
        if (prop === 'loadArrow') {
          return async (table: string, ...rest: unknown[]) => {
            if (table === 'utbetalningar') {
              this.forget();
              // A deferred load already running would write the old data after the new rows.
              await Promise.allSettled(this.loading.values());
            }
            return method.call(target, table, ...rest);
          };
        }
        return method.bind(target);
      },
    });
    registries.set(proxy, this);
    return proxy;
  }
}

/** The deferred tables of a connector made by `LazyTables.wrap`, or undefined for any other connector. */
export function lazyTablesOf(db: Connector): LazyTables | undefined {
  return registries.get(db);
}

/** `db` with a registry of deferred tables of its own (see LazyTables), for the page's engine. */
export function withLazyTables<T extends Connector>(db: T): T {
  return new LazyTables(db).wrap(db);
}
