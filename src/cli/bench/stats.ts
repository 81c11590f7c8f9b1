import { median as d3Median } from 'd3-array';
/** Median of samples (ms); NaN for none. */
export function median(samples: readonly number[]): number {
  return d3Median(samples) ?? NaN;
}

/** One line of the benchmark report. */
export interface BenchRow {
  dataset: string;
  rows: number;
  name: string;
  nativeMs: number | null;
  wasmMs: number | null;
  targetMs: number | null;
  /** Highest acceptable wasm/native ratio, when the row has one (metric queries: 3). */
  maxRatio?: number | null;
  /** Why a side is missing or what the figure means (e.g. "minnet räckte inte"). */
  note?: string;
}

/** The wasm/native ratio, or null when either side is missing. */
export function ratio(row: BenchRow): number | null {
  return row.nativeMs && row.wasmMs !== null ? row.wasmMs / row.nativeMs : null;
}

/**
 * Whether the row meets its targets, which are browser targets: the wasm figure within `targetMs`
 * and the ratio within `maxRatio`. Null when the row has no target or nothing was measured; false
 * when only the native side was measured (the browser side failed), since the target was not reached.
 */
export function meetsTargets(row: BenchRow): boolean | null {
  const hasTarget = row.targetMs !== null || (row.maxRatio ?? null) !== null;
  if (!hasTarget || (row.wasmMs === null && row.nativeMs === null)) return null;
  if (row.wasmMs === null) return false;
  if (row.targetMs !== null && row.wasmMs > row.targetMs) return false;
  const r = ratio(row);
  return !(row.maxRatio != null && r !== null && r > row.maxRatio);
}

/** A plain-text table of medians, ratios and targets, for the terminal. */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ['datamängd', 'rader', 'mätning', 'native ms', 'wasm ms', 'wasm/native', 'mål ms', 'mål kvot', 'ok', 'anm.'];
  const fmt = (v: number | null | undefined, d = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
  const body = rows.map((r) => {
    const ok = meetsTargets(r);
    const okText = ok === null ? '' : ok ? 'ja' : 'NEJ';
    return [r.dataset, String(r.rows), r.name, fmt(r.nativeMs), fmt(r.wasmMs), fmt(ratio(r), 2), fmt(r.targetMs, 0), fmt(r.maxRatio, 0), okText, r.note ?? ''];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const left = (i: number) => i < 3 || i === head.length - 1;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
