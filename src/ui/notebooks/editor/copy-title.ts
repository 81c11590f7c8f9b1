/** Titles for copies, so that an uploaded copy of a notebook is never a second entry with the same name. */

/** `title` when no notebook has it, else "title (kopia)", "title (kopia 2)", … (a copy of a copy counts on). */
export function copyTitle(title: string, taken: Iterable<string>): string {
  const names = new Set([...taken].map((t) => t.trim().toLocaleLowerCase('sv')));
  const base = title.trim().replace(/\s+\(kopia(?: \d+)?\)$/, '');
  const free = (t: string) => !names.has(t.toLocaleLowerCase('sv'));
  if (free(title.trim())) return title.trim();
  if (free(`${base} (kopia)`)) return `${base} (kopia)`;
  let n = 2;
  while (!free(`${base} (kopia ${n})`)) n++;
  return `${base} (kopia ${n})`;
}
