/** Median of samples (ms); NaN for none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One line of the benchmark report. */
export interface BenchRow {
  dataset: string;
  rows: number;
  name: string;
  nativeMs: number | null;
  wasmMs: number | null;
  targetMs: number | null;
}

/** The wasm/native ratio, or null when either side is missing. */
export function ratio(row: BenchRow): number | null {
  return row.nativeMs && row.wasmMs !== null ? row.wasmMs / row.nativeMs : null;
}

/** A plain-text table of medians, ratios and targets, for the terminal. */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ['datamängd', 'rader', 'mätning', 'native ms', 'wasm ms', 'wasm/native', 'mål ms', 'ok'];
  const fmt = (v: number | null, d = 1) => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(d));
  const body = rows.map((r) => {
    const measured = r.wasmMs ?? r.nativeMs;
    const ok = r.targetMs === null || measured === null ? '' : measured <= r.targetMs ? 'ja' : 'NEJ';
    return [r.dataset, String(r.rows), r.name, fmt(r.nativeMs), fmt(r.wasmMs), fmt(ratio(r), 2), fmt(r.targetMs, 0), ok];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
