/** Brotli settings for a file of `size` bytes; quality 11 for small files, 9 for large, unless given. */
export function brotliOptions(size: number, quality?: number): { params: Record<number, number> };
/** Writes `.br` and `.gz` beside every compressible file under `dir`; returns byte totals. */
export function precompress(dir: string): Promise<{ files: number; raw: number; br: number; gz: number }>;
