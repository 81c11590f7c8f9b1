/**
 * Where notebooks live: the built-in files bundled from src/notebooks/builtin/, and the user's own
 * notebooks and edited copies in IndexedDB (idb-keyval). Nothing leaves the browser.
 */
import { del, get, keys, set } from 'idb-keyval';
import { parseNotebook } from '../../notebooks/index.ts';

const BUILTIN = import.meta.glob('../../notebooks/builtin/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const PREFIX = 'anteckningsbok:';
/** Order of the built-in notebooks in the list. */
const ORDER = ['manadsrapport', 'scenarier', 'delarsbokslut'];

/** A notebook in the list. */
export interface NotebookEntry {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly builtin: boolean;
  /** A built-in notebook the user has changed (the change is kept in the browser). */
  readonly changed: boolean;
}

/** The built-in notebooks' texts by id (file name without `.md`). */
export function builtinTexts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of Object.entries(BUILTIN)) out.set(path.split('/').pop()!.replace(/\.md$/, ''), text);
  return new Map([...out].sort(([a], [b]) => rank(a) - rank(b)));
}

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i < 0 ? ORDER.length : i;
}

/** Every notebook: built-in first, then the user's own, by title. */
export async function listNotebooks(): Promise<NotebookEntry[]> {
  const saved = new Set((await keys()).map(String).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length)));
  const out: NotebookEntry[] = [];
  for (const [id, text] of builtinTexts()) out.push(entry(id, saved.has(id) ? ((await get<string>(PREFIX + id)) ?? text) : text, true, saved.has(id)));
  const own: NotebookEntry[] = [];
  for (const id of saved) if (!builtinTexts().has(id)) own.push(entry(id, (await get<string>(PREFIX + id)) ?? '', false, true));
  return [...out, ...own.sort((a, b) => a.title.localeCompare(b.title, 'sv'))];
}

function entry(id: string, text: string, builtin: boolean, changed: boolean): NotebookEntry {
  const { meta } = parseNotebook(text);
  return { id, title: meta.title || id, description: meta.description, builtin, changed };
}

/** A notebook's text (the saved copy when there is one) or undefined when no such notebook exists. */
export async function loadNotebookText(id: string): Promise<{ text: string; builtin: boolean; changed: boolean } | undefined> {
  const saved = await get<string>(PREFIX + id);
  const builtin = builtinTexts().get(id);
  if (saved !== undefined) return { text: saved, builtin: builtin !== undefined, changed: true };
  return builtin === undefined ? undefined : { text: builtin, builtin: true, changed: false };
}

/** Keeps a notebook's text in the browser. */
export async function saveNotebookText(id: string, text: string): Promise<void> {
  await set(PREFIX + id, text);
}

/** Forgets the saved copy (a built-in notebook goes back to its original; an own notebook is deleted). */
export async function forgetNotebook(id: string): Promise<void> {
  await del(PREFIX + id);
}

/** An id for a new notebook, from its title, not taken by any other. */
export async function freeId(title: string): Promise<string> {
  const base = title.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'anteckningsbok';
  const taken = new Set([...builtinTexts().keys(), ...(await keys()).map(String).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length))]);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
