import { describe, expect, it } from 'vitest';
import { addCell, apply, createHistory, deleteCell, editCell, editMeta, moveCell, redo, undo, uniqueName } from './history.ts';
import { parseNotebook } from './parse.ts';
import type { Cell, Notebook } from './types.ts';

const nb = parseNotebook('```sql a\nSELECT 1\n```\n\nText\n\n```sql b\nSELECT 2\n```\n');
const names = (n: Notebook) => n.cells.map((c) => (c.kind === 'text' ? `text:${c.markdown}` : c.name));
const c: Cell = { kind: 'sql', name: 'c', sql: 'SELECT 3' };

describe('editing functions return a new notebook and leave the old one as it was', () => {
  it.each<[string, (n: Notebook) => Notebook, string[]]>([
    ['addCell at 0', (n) => addCell(n, 0, c), ['c', 'a', 'text:Text', 'b']],
    ['addCell at end', (n) => addCell(n, 3, c), ['a', 'text:Text', 'b', 'c']],
    ['editCell', (n) => editCell(n, 1, { kind: 'text', markdown: 'Ny' }), ['a', 'text:Ny', 'b']],
    ['moveCell down', (n) => moveCell(n, 0, 2), ['text:Text', 'b', 'a']],
    ['moveCell up', (n) => moveCell(n, 2, 0), ['b', 'a', 'text:Text']],
    ['deleteCell', (n) => deleteCell(n, 1), ['a', 'b']],
  ])('%s', (_label, edit, expected) => {
    const before = JSON.stringify(nb);
    expect(names(edit(nb))).toEqual(expected);
    expect(JSON.stringify(nb)).toBe(before);
  });

  it.each<[string, () => unknown]>([
    ['addCell past the end', () => addCell(nb, 4, c)],
    ['moveCell to -1', () => moveCell(nb, 0, -1)],
    ['deleteCell 3', () => deleteCell(nb, 3)],
    ['editCell 1.5', () => editCell(nb, 1.5, c)],
  ])('%s throws a Swedish RangeError', (_label, edit) => {
    expect(edit).toThrow(/Det finns ingen plats nummer .* bland anteckningsbokens 3 celler/);
  });

  it('editMeta changes only the given fields', () => {
    expect(editMeta(nb, { title: 'Ny titel' }).meta).toEqual({ title: 'Ny titel', description: '', extra: {} });
  });

  it('uniqueName picks the first free suffix', () => {
    expect(uniqueName(nb, 'q')).toBe('q');
    expect(uniqueName(nb, 'a')).toBe('a_2');
    expect(uniqueName(addCell(nb, 0, { ...c, name: 'a_2' }), 'a')).toBe('a_3');
    expect(() => uniqueName(nb, 'två ord')).toThrow(/inget giltigt cellnamn/);
  });
});

describe('History: undo and redo', () => {
  it('undoes and redoes edits in order, and a new edit clears redo', () => {
    let h = createHistory(nb);
    h = apply(h, (n) => deleteCell(n, 1));
    h = apply(h, (n) => moveCell(n, 1, 0));
    expect(names(h.present)).toEqual(['b', 'a']);
    h = undo(h);
    expect(names(h.present)).toEqual(['a', 'b']);
    h = undo(h);
    expect(h.present).toBe(nb);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(names(h.present)).toEqual(['a', 'b']);
    h = apply(h, (n) => addCell(n, 0, c));
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });

  it('keeps at most `limit` steps and records nothing for a no-op edit', () => {
    let h = createHistory(nb, 2);
    for (let i = 0; i < 5; i++) h = apply(h, (n) => addCell(n, 0, { kind: 'text', markdown: `t${i}` }));
    expect(h.past).toHaveLength(2);
    expect(apply(h, (n) => n)).toBe(h);
  });
});
