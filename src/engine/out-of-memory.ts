/**
 * Recognising an engine or browser that ran out of memory, so the user reads what happened and what to
 * do instead of "the file is damaged". DuckDB-WASM's heap is limited to 4 GB whatever the computer has;
 * the 12 M-row sample needs about 3 GB of it when the raw rows are loaded (docs/bench.md).
 */

/** DuckDB's "Out of Memory Error", the wasm allocator's failure, and the browser's failed buffer allocation. */
const OUT_OF_MEMORY = /out of memory|failed to allocate|could not allocate|array buffer allocation failed|Cannot enlarge memory/i;

/** Whether `error` says that memory ran out. */
export function isOutOfMemory(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return OUT_OF_MEMORY.test(message);
}

/** The Swedish message for a data file of `bytes` bytes that did not fit in the browser's memory. */
export function outOfMemoryMessage(bytes: number): string {
  const mb = Math.round(bytes / 1e6).toLocaleString('sv-SE');
  return `Webbläsaren har inte minne nog för datafilen (${mb} MB): databasmotorn i webbläsaren kan använda högst 4 GB, ` +
    'oavsett hur mycket minne datorn har. Stäng andra flikar och försök igen, eller förbered data med "npm run prepare-data" ' +
    'så att sidorna kan använda de förberedda tabellerna i stället för alla rader.';
}
