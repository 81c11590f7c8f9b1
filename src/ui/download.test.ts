import { describe, expect, it } from 'vitest';
import { DownloadRunner } from './download.svelte.ts';

describe('DownloadRunner.run(what, make)', () => {
  it('names the file while it is made and clears it after', async () => {
    const runner = new DownloadRunner();
    let during: string | null = null;
    await runner.run('Excel-filen', async () => {
      during = runner.busy;
    });
    expect([during, runner.busy, runner.failure]).toEqual(['Excel-filen', null, null]);
  });

  it('turns an error into one Swedish line, and a new run clears it', async () => {
    const runner = new DownloadRunner();
    await runner.run('CSV-filen', async () => {
      throw new Error('tabellen är inte klar ännu');
    });
    expect(runner.failure).toBe('CSV-filen kunde inte skapas: tabellen är inte klar ännu');
    expect(runner.busy).toBeNull();
    await runner.run('CSV-filen', async () => undefined);
    expect(runner.failure).toBeNull();
  });
});
