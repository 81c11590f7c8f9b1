/**
 * Writes the deterministic, anonymised sample data (the data contract in docs/data.md).
 *
 * Usage: npm run generate-data -- [--seed 42] [--households N | --rows N] [--years Y] [--start 2018-01]
 *        [--out path] [--format parquet|csv]
 * With no options it rewrites the committed data/utbetalningar.parquet; anything else goes to data/large/.
 */
import { formatMonth, formatNumber } from '../format/sv.ts';
import { OptionError, parseGenerateArgs, type GenerateOptions } from '../generator/options.ts';
import { writeDataset } from '../generator/write.ts';

function sizeText(bytes: number): string {
  return bytes >= 1e6 ? `${formatNumber(bytes / 1e6, 1)} MB` : `${formatNumber(bytes / 1e3)} kB`;
}

let options: GenerateOptions;
try {
  options = parseGenerateArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof OptionError)) throw error;
  console.error(`generate-data: ${error.message}`);
  process.exit(1);
}

const started = performance.now();
try {
  const result = await writeDataset(options.params, options.out, options.format);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Skrev ${formatNumber(result.rows)} rader: ${formatNumber(result.households)} hushåll, ` +
      `${formatNumber(result.months)} månader (${formatMonth(result.firstMonth)} – ${formatMonth(result.lastMonth)}), ` +
      `frö ${options.params.seed}.`,
  );
  console.log(`Fil: ${result.path} (${sizeText(result.bytes)}), ${formatNumber(seconds, 1)} s.`);
} catch (error) {
  console.error(`generate-data: kunde inte skriva ${options.out}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
}
