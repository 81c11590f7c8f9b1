/**
 * `npm run ingest -- <fil> --out <fil.parquet> [--mapping <fil.json>] [--pseudonymise <kolumn> --key-file <fil>]
 *  [--drop <kolumn>]… [--only-valid] [--save-mapping <fil.json>]`
 *
 * Converts a municipality's export (CSV in any common encoding, XLSX or Parquet) into contract Parquet
 * through the same import code as the browser: own casting rules, row-level validation, the
 * personnummer guard. A refusal prints one Swedish line on stderr, exits 1 and writes no file.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { formatNumber } from '../format/sv.ts';
import { CONTRACT_COLUMN_NAMES } from '../import/contract.ts';
import { ImportError } from '../import/errors.ts';
import { describeFinding } from '../import/guard.ts';
import { describeRejections, importTable, SensitiveDataError, type ImportResult } from '../import/import.ts';
import { parseMappingFile, toMappingFile } from '../import/mapping.ts';
import { readImportFile } from '../import/node/read-file.ts';
import { writeContractParquet } from '../import/node/write-parquet.ts';
import { generateKeyFile, importKey, parseKeyFile, type KeyFile } from '../import/pseudonymise.ts';
import type { RawTable } from '../import/table.ts';

const USAGE = 'Användning: npm run ingest -- <fil> --out <fil.parquet> [--mapping <fil.json>] '
  + '[--pseudonymise <kolumn> --key-file <fil>] [--drop <kolumn>] [--only-valid] [--save-mapping <fil.json>]';

/** Where the CLI writes its text (process streams, or a test's buffers). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {}

interface Options {
  file: string;
  out: string;
  mapping?: string;
  pseudonymise?: string;
  keyFile?: string;
  drop: string[];
  onlyValid: boolean;
  saveMapping?: string;
}

function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' }, mapping: { type: 'string' }, pseudonymise: { type: 'string' }, 'key-file': { type: 'string' },
        drop: { type: 'string', multiple: true }, 'only-valid': { type: 'boolean' }, 'save-mapping': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`Okänt eller felaktigt argument (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`Ange exakt en fil att läsa in. ${USAGE}`);
  if (!values.out) throw new UsageError(`Ange utfil med --out <fil.parquet>. ${USAGE}`);
  if (values.pseudonymise && !values['key-file']) {
    throw new UsageError('--pseudonymise kräver --key-file <fil> (nyckeln skapas där om filen inte finns; samma nyckel ger samma pseudonymer nästa månad).');
  }
  const file = positionals[0]!;
  let out = values.out;
  if (existsSync(out) && statSync(out).isDirectory()) out = join(out, `${basename(file, extname(file))}.parquet`);
  if (!/\.parquet$/i.test(out)) throw new UsageError(`Utfilen ska sluta på .parquet: ${out}`);
  if (resolve(out) === resolve(file)) throw new UsageError('Utfilen får inte vara samma fil som den som läses in.');
  return {
    file, out, drop: values.drop ?? [], onlyValid: values['only-valid'] ?? false,
    ...(values.mapping ? { mapping: values.mapping } : {}), ...(values.pseudonymise ? { pseudonymise: values.pseudonymise } : {}),
    ...(values['key-file'] ? { keyFile: values['key-file'] } : {}), ...(values['save-mapping'] ? { saveMapping: values['save-mapping'] } : {}),
  };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Kan inte läsa ${what} ${path}`);
  }
}

/** An existing key file, or a new key kept in memory until the import succeeds. */
function loadKey(path: string): { file: KeyFile; created: boolean } {
  if (!existsSync(path)) return { file: generateKeyFile(), created: true };
  try {
    return { file: parseKeyFile(readText(path, 'nyckelfilen')), created: false };
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const kr = (value: number) => `${formatNumber(value, Number.isInteger(value) ? 0 : 2)} kr`;

function summary(options: Options, table: RawTable, result: ImportResult): string {
  const src = table.source;
  const how = [src.format, src.encoding, src.delimiter && `avgränsare ${src.delimiter === '\t' ? 'tab' : src.delimiter}`, src.sheet && `blad ${src.sheet}`]
    .filter(Boolean).join(', ');
  const mapped = [...result.mapping.columns].sort(([a], [b]) => CONTRACT_COLUMN_NAMES.indexOf(a) - CONTRACT_COLUMN_NAMES.indexOf(b)).map(([name, index]) => `${name} ← "${table.header[index]}" (${result.mapping.how.get(name)})`);
  const f = result.fileTotals;
  const i = result.importedTotals;
  const rows = [
    ['', 'I filen', 'Importerat'],
    ['Rader', formatNumber(f.rows), formatNumber(i.rows)],
    ['Hushåll', formatNumber(f.households), formatNumber(i.households)],
    ['Utbetalt', kr(f.utbetaltKr), kr(i.utbetaltKr)],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return [
    `Läste ${options.file} (${how}): ${formatNumber(table.rowCount)} datarader.`,
    `Kolumner: ${mapped.join(', ')}.`,
    ...result.resolvedFindings.map((x) => `Personuppgifter: kolumnen "${x.column}" ${x.column === options.pseudonymise ? 'pseudonymiserades till hushall_id' : 'togs bort'}.`),
    ...rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')),
    ...(f.unreadableAmounts > 0 ? [`${formatNumber(f.unreadableAmounts)} belopp i filen är inte tal och ingår inte i filens summa.`] : []),
    ...result.notices,
    ...(result.rejected.length > 0 ? [`Avvisade rader: ${formatNumber(result.rejected.length)}`, ...describeRejections(result).map((l) => `  ${l}`)] : []),
    `Skrev ${options.out} (${formatNumber(result.rowCount)} rader).`,
    '',
  ].join('\n');
}

/** Runs the CLI on `argv` (after the script name); returns the exit code. Exported for in-process tests. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const options = parseOptions(argv);
    const mapping = options.mapping ? parseMappingFile(readText(options.mapping, 'mappningsfilen')) : undefined;
    const key = options.keyFile ? loadKey(options.keyFile) : undefined;
    const table = await readImportFile(options.file);
    const result = await importTable(table, {
      ...(mapping ? { mapping } : {}),
      drop: options.drop,
      ...(options.pseudonymise && key ? { pseudonymise: { column: options.pseudonymise, key: await importKey(key.file) } } : {}),
    });
    if (result.rejected.length > 0 && !options.onlyValid) {
      const [first] = describeRejections(result, 1);
      throw new UsageError(`${formatNumber(result.rejected.length)} av ${formatNumber(table.rowCount)} rader avvisades (första: ${first}). `
        + 'Rätta filen, eller kör med --only-valid för att importera bara de giltiga raderna.');
    }
    await writeContractParquet(result.columns, result.rowCount, options.out);
    if (key?.created && options.keyFile) writeFileSync(options.keyFile, `${JSON.stringify(key.file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    if (options.saveMapping) {
      writeFileSync(options.saveMapping, `${JSON.stringify(toMappingFile(mapping?.name ?? basename(options.file), table, result.mapping), null, 2)}\n`);
    }
    io.out(summary(options, table, result));
    if (key?.created) io.out(`Ny nyckel skapad i ${options.keyFile}. Spara den säkert: samma nyckel ger samma pseudonymer nästa månad.\n`);
    return 0;
  } catch (error) {
    if (error instanceof SensitiveDataError) {
      const column = error.findings[0]!.column;
      io.err(`Filen innehåller personuppgifter och ingen fil skrevs: ${error.findings.map(describeFinding).join('; ')}. `
        + `Ta bort kolumnen med --drop "${column}" eller gör den till hushall_id med --pseudonymise "${column}" --key-file <nyckel.json>.\n`);
      return 1;
    }
    if (error instanceof UsageError || error instanceof ImportError) {
      io.err(`${error.message.split('\n')[0]}\n`);
      return 1;
    }
    // Anything else is a bug; its message may hold a value from the file, so only its kind is shown.
    io.err(`Inläsningen misslyckades av ett oväntat fel (${error instanceof Error ? error.name : 'okänt'}). Ingen fil skrevs.\n`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
}
