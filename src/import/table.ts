/**
 * A file as read, before any interpretation: every cell is text, column by column. Nothing is typed
 * here; validate.ts casts by our own rules, so a value in row 30 000 is judged like one in row 1.
 */
export interface RawTable {
  /** Column names as written in the file (trimmed, made unique). */
  header: string[];
  /** `columns[c][r]` is the text of data row r + 1 in column c ('' when empty or missing). */
  columns: string[][];
  rowCount: number;
  /** Data rows (0-based) that had more non-empty fields than the header has columns. */
  ragged: Set<number>;
  /** How the file was read, for the summary shown to the user. */
  source: SourceInfo;
}

/** How a file was read. */
export interface SourceInfo {
  format: 'csv' | 'xlsx' | 'parquet';
  encoding?: string;
  delimiter?: string;
  sheet?: string;
}

/** Trims header names, names empty ones by position and makes duplicates unique, so mapping is unambiguous. */
export function cleanHeader(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.trim() || `kolumn ${i + 1}`;
    const count = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), count);
    return count === 1 ? name : `${name} (${count})`;
  });
}
