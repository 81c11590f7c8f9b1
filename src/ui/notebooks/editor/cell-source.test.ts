import { describe, expect, it } from 'vitest';
import { parseCell } from '../../../notebooks/index.ts';
import { joinCellSource, splitCellSource } from './cell-source.ts';

describe('splitCellSource(text) / joinCellSource(parts)', () => {
  it('splits a fenced cell into kind, name and body', () => {
    expect(splitCellSource('```sql förändring\nSELECT 1\nFROM t\n```')).toEqual({ kind: 'sql', name: 'förändring', body: 'SELECT 1\nFROM t' });
  });

  it('gives nothing for text and for unknown kinds', () => {
    expect(splitCellSource('# Rubrik')).toBeUndefined();
    expect(splitCellSource('```text x\nhej\n```')).toBeUndefined();
  });

  it('writes the fence itself, so the result parses as the cell', () => {
    const text = joinCellSource({ kind: 'chart', name: ' årets ', body: 'type: kpi\ndata: mått\ny: v\n' });
    expect(text).toBe('```chart årets\ntype: kpi\ndata: mått\ny: v\n```');
    expect(parseCell(text)).toEqual({ kind: 'chart', name: 'årets', spec: { type: 'kpi', data: 'mått', y: 'v' } });
  });

  it('a body holding ``` gets a longer fence instead of ending the cell early', () => {
    const text = joinCellSource({ kind: 'sql', name: 'q', body: "SELECT '```' AS f" });
    expect(text.split('\n')[0]).toBe('````sql q');
    expect(parseCell(text)).toEqual({ kind: 'sql', name: 'q', sql: "SELECT '```' AS f" });
  });
});
