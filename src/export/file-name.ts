/** File names for downloads: ASCII (mail gateways and old file shares mangle å, ä, ö), dated, readable. */

const FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', é: 'e', ü: 'u' };

/** `Per månad: utbetalt` on 30 Nov 2026 → `per-manad-utbetalt-2026-11-30.xlsx`. */
export function downloadName(title: string, extension: string, when: Date = new Date()): string {
  const slug = title
    .toLowerCase()
    .replace(/[åäöéü]/g, (c) => FOLD[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const day = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')}`;
  return `${slug || 'export'}-${day}.${extension}`;
}
