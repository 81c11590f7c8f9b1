/**
 * Excel sheet names: at most 31 characters, none of `[ ] : * ? / \`, not starting or ending with an
 * apostrophe, unique without regard to case. Excel refuses a workbook that breaks these.
 */
const MAX = 31;

function clean(title: string): string {
  const text = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
  return text.slice(0, MAX).trim() || 'Tabell';
}

/** One valid, unique sheet name per title, in order; `taken` names (e.g. "Om rapporten") are avoided. */
export function sheetNames(titles: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return titles.map((title) => {
    const base = clean(title);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, MAX - suffix.length).trimEnd() + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}
