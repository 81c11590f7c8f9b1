import { NAME_PATTERN, isNamedCell, type Cell, type Notebook, type NotebookMeta } from './types.ts';

/** Inserts `cell` so that it ends up at `index` (0 = first; `cells.length` = last). */
export function addCell(notebook: Notebook, index: number, cell: Cell): Notebook {
  checkIndex(notebook, index, notebook.cells.length);
  const cells = [...notebook.cells];
  cells.splice(index, 0, cell);
  return { ...notebook, cells };
}

/** Replaces the cell at `index`. */
export function editCell(notebook: Notebook, index: number, cell: Cell): Notebook {
  checkIndex(notebook, index, notebook.cells.length - 1);
  return { ...notebook, cells: notebook.cells.map((c, i) => (i === index ? cell : c)) };
}

/** Moves the cell at `from` so that it ends up at position `to`. */
export function moveCell(notebook: Notebook, from: number, to: number): Notebook {
  checkIndex(notebook, from, notebook.cells.length - 1);
  checkIndex(notebook, to, notebook.cells.length - 1);
  const cells = [...notebook.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell!);
  return { ...notebook, cells };
}

/** Removes the cell at `index`. */
export function deleteCell(notebook: Notebook, index: number): Notebook {
  checkIndex(notebook, index, notebook.cells.length - 1);
  return { ...notebook, cells: notebook.cells.filter((_, i) => i !== index) };
}

/** Replaces the title, description or other front matter. */
export function editMeta(notebook: Notebook, meta: Partial<NotebookMeta>): Notebook {
  return { ...notebook, meta: { ...notebook.meta, ...meta } };
}

/** A name based on `base` that no cell in the notebook has yet (`base`, `base_2`, `base_3`, …). */
export function uniqueName(notebook: Notebook, base: string): string {
  if (!NAME_PATTERN.test(base)) throw new Error(`"${base}" är inget giltigt cellnamn (bokstäver, siffror och _).`);
  const taken = new Set(notebook.cells.filter(isNamedCell).map((c) => c.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

function checkIndex(notebook: Notebook, index: number, max: number): void {
  if (!Number.isInteger(index) || index < 0 || index > max) {
    throw new RangeError(`Det finns ingen plats nummer ${index + 1} bland anteckningsbokens ${notebook.cells.length} celler.`);
  }
}

/** Undo/redo over immutable notebooks: every edit is a new present, the old one goes on `past`. */
export interface History {
  readonly past: readonly Notebook[];
  readonly present: Notebook;
  readonly future: readonly Notebook[];
  /** How many steps back are kept. */
  readonly limit: number;
}

/** Starts a history at `notebook`. */
export function createHistory(notebook: Notebook, limit = 100): History {
  return { past: [], present: notebook, future: [], limit };
}

/** Records `next` as the new present (clearing redo); an unchanged notebook records nothing. */
export function record(history: History, next: Notebook): History {
  if (next === history.present) return history;
  const past = [...history.past, history.present].slice(-history.limit);
  return { ...history, past, present: next, future: [] };
}

/** Applies an edit function, e.g. `apply(h, (nb) => moveCell(nb, 2, 0))`. */
export function apply(history: History, edit: (notebook: Notebook) => Notebook): History {
  return record(history, edit(history.present));
}

/** Steps back one edit; unchanged when there is nothing to undo. */
export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { ...history, past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

/** Steps forward one undone edit; unchanged when there is nothing to redo. */
export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { ...history, past: [...history.past, history.present], present: next, future: rest };
}
