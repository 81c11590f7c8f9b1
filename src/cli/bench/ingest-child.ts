/**
 * Runs `ingest` once in its own process for the import bench, and prints one JSON line with the time
 * of the import itself and the process's peak resident memory, which only a separate process can
 * report alone (process.resourceUsage().maxRSS covers the whole process life, in KB).
 *
 * Usage: tsx src/cli/bench/ingest-child.ts <fil.csv> <ut.parquet>
 */
import { main } from '../ingest.ts';

const [file, out] = process.argv.slice(2);
if (!file || !out) {
  console.error('Användning: tsx src/cli/bench/ingest-child.ts <fil.csv> <ut.parquet>');
  process.exit(1);
}
let stderr = '';
const t0 = performance.now();
const code = await main([file, '--out', out], { out: () => undefined, err: (t) => (stderr += t) });
const ms = performance.now() - t0;
console.log(JSON.stringify({ code, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, stderr: stderr.trim() }));
