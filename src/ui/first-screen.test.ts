import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import type { UserSqlConnector } from '../engine/connector.ts';
import { deferredConnector } from './first-screen.svelte.ts';

describe('deferredConnector(ready)', () => {
  it('holds statements until the engine is ready, then answers them from it', async () => {
    let ready!: (db: UserSqlConnector) => void;
    const db = deferredConnector(new Promise((resolve) => (ready = resolve)));
    let answered = false;
    const pending = db.query('SELECT 40 + ? AS n', [2]).then((t) => {
      answered = true;
      return Number(t.getChild('n')!.get(0));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    const engine = await NodeConnector.open();
    ready(engine);
    expect(await pending).toBe(42);
    // Once ready, user SQL goes through the engine's read-only path too.
    await expect(db.queryReadOnly('CREATE TABLE t (x INTEGER)')).rejects.toThrow();
    await engine.close();
  });

  it('is not itself a promise, so awaiting the handle never waits for the engine', async () => {
    const db = deferredConnector(new Promise(() => undefined));
    expect(await Promise.race([Promise.resolve(db).then(() => 'resolved'), new Promise((r) => setTimeout(() => r('hung'), 100))])).toBe('resolved');
  });
});
