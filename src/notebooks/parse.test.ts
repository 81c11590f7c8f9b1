import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCell, parseNotebook } from './parse.ts';
import { serializeCell, serializeNotebook } from './serialize.ts';
import type { ErrorCell } from './types.ts';

const exempel = readFileSync(new URL('./examples/exempel.md', import.meta.url), 'utf8');

describe('parseNotebook(text) → Notebook', () => {
  it('reads front matter and every cell kind of the example, in file order', () => {
    const nb = parseNotebook(exempel);
    expect(nb.meta).toEqual({ title: 'Exempel: aktiva hushåll per månad', description: 'Ett litet exempel som visar cellerna i en anteckningsbok.', extra: {} });
    expect(nb.problems).toEqual([]);
    expect(nb.cells.map((c) => (c.kind === 'text' ? 'text' : `${c.kind}:${c.name}`))).toEqual([
      'text', 'input:period', 'input:enhet', 'sql:per_manad', 'chart:trend', 'sql:per_hushall', 'chart:kostnad',
      'text', 'input:farre', 'sql:besparing', 'text', 'input:automatisering', 'simulation:scenario',
    ]);
    expect(nb.cells[8]).toEqual({ kind: 'input', name: 'farre', spec: { type: 'slider', label: 'Färre hushåll per månad', min: 0, max: 50, step: 1, default: 10, format: 'count' } });
    expect(nb.cells[12]).toEqual({ kind: 'simulation', name: 'scenario', spec: { scenario: 'exempel-1-tidsbesparing', title: 'Automatiserad handläggning', set: { 'automation.ramp.0.1': 'automatisering' } } });
  });

  it('keeps an ordinary Markdown code block (```text) inside the text cell', () => {
    const nb = parseNotebook(exempel);
    expect(nb.cells[10]).toEqual({ kind: 'text', markdown: 'Exempel på SQL i löptext skrivs som ett vanligt kodblock utan cellnamn:\n\n```text\nSELECT count(*) FROM utbetalningar\n```' });
  });

  it('round-trips the canonical example byte for byte', () => {
    expect(serializeNotebook(parseNotebook(exempel))).toBe(exempel);
  });

  it('accepts CRLF line endings and writes LF', () => {
    const text = '```sql a\r\nSELECT 1\r\n```\r\n';
    expect(parseNotebook(text).cells).toEqual([{ kind: 'sql', name: 'a', sql: 'SELECT 1' }]);
    expect(serializeNotebook(parseNotebook(text))).toBe('```sql a\nSELECT 1\n```\n');
  });

  it('parses an empty file as an empty notebook', () => {
    expect(parseNotebook('')).toEqual({ meta: { title: '', description: '', extra: {} }, cells: [], problems: [] });
    expect(serializeNotebook(parseNotebook(''))).toBe('');
  });

  it('keeps unknown front-matter keys and reports malformed lines with their line number', () => {
    const nb = parseNotebook('---\ntitle: T\nforfattare: Anna\nbara text\n---\n\nHej\n');
    expect(nb.meta).toEqual({ title: 'T', description: '', extra: { forfattare: 'Anna' } });
    expect(nb.problems).toEqual([{ line: 4, message: 'Raden i inledningen ska ha formen "nyckel: värde" (rad 4).' }]);
  });

  it('reports front matter that never closes and reads the file as cells', () => {
    const nb = parseNotebook('---\ntitle: T\n');
    expect(nb.problems[0]?.message).toMatch(/avslutas aldrig/);
  });

  it('uses a longer fence when a SQL body contains a ``` line, and reads it back', () => {
    const cell = { kind: 'sql' as const, name: 'q', sql: "SELECT '\n```\n' AS x" };
    const text = serializeCell(cell);
    expect(text.startsWith('````sql q\n')).toBe(true);
    expect(parseNotebook(text).cells).toEqual([cell]);
  });
});

// Each broken cell is a fixture: its text, the expected line and a fragment of the Swedish message.
const broken: ReadonlyArray<readonly [string, string, number, RegExp, string | undefined]> = [
  ['missing name', '```sql\nSELECT 1\n```', 3, /SQL-cellen på rad 3 saknar namn/, undefined],
  ['invalid name', '```sql 1abc\nSELECT 1\n```', 3, /ogiltigt namn "1abc"/, undefined],
  ['reserved name', '```sql filters\nSELECT 1\n```', 3, /reserverat/, undefined],
  ['extra words', '```chart a b\ntype: line\n```', 3, /oväntad text efter namnet: "b"/, 'a'],
  ['empty SQL', '```sql tom\n\n```', 3, /SQL-cellen tom på rad 3 är tom/, 'tom'],
  ['unknown key', '```chart c\ntype: bar\ndata: q\nx: a\ny: b\nfarg: rod\n```', 8, /Okänd nyckel "farg" i diagramcellen c \(rad 8\)/, 'c'],
  ['bad chart type', '```chart c\ntype: pie\ndata: q\n```', 4, /Okänt värde "pie" för "type".*tillåtna: line, bar/, 'c'],
  ['chart without y', '```chart c\ntype: line\ndata: q\nx: a\n```', 3, /behöver "y:"/, 'c'],
  ['missing data', '```chart c\ntype: table\n```', 3, /saknar "data:"/, 'c'],
  ['line without colon', '```input p\ntype period\n```', 4, /ska ha formen "nyckel: värde" \(rad 4\)/, 'p'],
  ['duplicate key', '```input p\ntype: toggle\ndefault: true\ndefault: false\n```', 6, /förekommer två gånger/, 'p'],
  ['bad month', '```input p\ntype: period\nfrom: 2023-13\nto: 2023-12\n```', 5, /ÅÅÅÅ-MM/, 'p'],
  ['reversed period', '```input p\ntype: period\nfrom: 2024-01\nto: 2023-12\n```', 3, /börjar \(2024-01\) efter/, 'p'],
  ['slider default outside', '```input s\ntype: slider\nmin: 0\nmax: 10\ndefault: 11\n```', 3, /utanför 0–10/, 's'],
  ['slider not a number', '```input s\ntype: slider\nmin: noll\nmax: 10\ndefault: 1\n```', 5, /"min: noll" .* är inget tal/, 's'],
  ['select without options', '```input e\ntype: select\n```', 3, /antingen "options:" eller "column:"/, 'e'],
  ['toggle default', '```input t\ntype: toggle\ndefault: kanske\n```', 5, /true eller false/, 't'],
  ['bad JSON', '```simulation s\n{ "a": }\n```', 4, /ingen giltig JSON \(rad 4\)/, 's'],
  ['no scenario', '```simulation s\ntitle: X\n```', 3, /antingen "scenario: <filnamn>"/, 's'],
  ['bad set target', '```simulation s\nscenario: bas\nset.a.b: 3x\n```', 5, /ska namnge en inmatning/, 's'],
  ['bad forecast', '```simulation s\nscenario: bas\nforecast: period.slut\n```', 3, /"forecast: period.slut" .* ska namnge en inmatning, t.ex. period.to/, 's'],
];

describe('a simulation cell with its scenario from an input and a forecast month', () => {
  it('parses scenario: ${input} and forecast:, and writes them back byte for byte', () => {
    const text = '```simulation prognos\nscenario: ${scenario}\nforecast: period.to\ntitle: Helårsprognos\n```\n';
    const nb = parseNotebook(text);
    expect(nb.cells[0]).toEqual({ kind: 'simulation', name: 'prognos', spec: { scenarioInput: 'scenario', forecast: 'period.to', set: {}, title: 'Helårsprognos' } });
    expect(serializeNotebook(nb)).toBe(text);
  });
});

describe('parseNotebook: a broken cell becomes an error cell and the rest still parses', () => {
  it.each(broken)('%s', (_label, cellText, line, message, name) => {
    const text = `Före\n\n${cellText}\n\n\`\`\`sql ok\nSELECT 1\n\`\`\`\n`;
    const nb = parseNotebook(text);
    expect(nb.cells).toHaveLength(3);
    expect(nb.cells[0]).toEqual({ kind: 'text', markdown: 'Före' });
    const err = nb.cells[1] as ErrorCell;
    expect(err.kind).toBe('error');
    expect(err.message).toMatch(message);
    expect(err.line).toBe(line);
    expect(err.name).toBe(name);
    expect(err.source).toBe(cellText);
    expect(nb.cells[2]).toEqual({ kind: 'sql', name: 'ok', sql: 'SELECT 1' });
    // Nothing is lost: the broken cell is written back verbatim.
    expect(serializeNotebook(nb)).toBe(text);
  });

  it('turns an unclosed fence into an error cell holding the rest of the file', () => {
    const nb = parseNotebook('```sql a\nSELECT 1\n```\n\n```sql b\nSELECT 2\n');
    expect(nb.cells[0]).toEqual({ kind: 'sql', name: 'a', sql: 'SELECT 1' });
    expect(nb.cells[1]).toMatchObject({ kind: 'error', line: 5, message: 'Kodblocket som börjar på rad 5 avslutas aldrig med ```.', source: '```sql b\nSELECT 2' });
  });

  it('makes a second cell with the same name an error naming the first', () => {
    const nb = parseNotebook('```sql a\nSELECT 1\n```\n\n```sql a\nSELECT 2\n```\n');
    expect(nb.cells[1]).toEqual({ kind: 'error', line: 5, message: 'Namnet "a" på rad 5 används redan av cellen på rad 1.', source: '```sql a\nSELECT 2\n```' });
  });
});

describe('parseCell(source, line) → Cell', () => {
  it('parses one cell as the editor holds it', () => {
    expect(parseCell('```input t\ntype: toggle\ndefault: ja\n```')).toEqual({ kind: 'input', name: 't', spec: { type: 'toggle', default: true } });
  });
  it('treats text without a cell fence as a text cell', () => {
    expect(parseCell('\n## Rubrik\n')).toEqual({ kind: 'text', markdown: '## Rubrik' });
  });
  it('reports text after the closing fence', () => {
    expect(parseCell('```sql a\nSELECT 1\n```\nmer', 7)).toMatchObject({ kind: 'error', line: 7 });
  });
});
