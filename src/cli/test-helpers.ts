import { spawnSync } from 'node:child_process';

/** What a command wrote and how it ended, captured in-process or from a spawned process. */
export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI entry point in this process with its output captured: the same code path as the
 * shell minus tsx start-up, which costs seconds per spawn on this 2-core machine.
 */
export async function capture(entry: (io: { stdout: { write(t: string): unknown }; stderr: { write(t: string): unknown } }) => Promise<number>): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await entry({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** One real process through `tsx`, for the smoke test that the script's entry block wires `main` to the shell. */
export function spawnCli(script: string, args: string[]): Ran {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
