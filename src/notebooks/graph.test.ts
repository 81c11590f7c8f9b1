import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph.ts';
import { parseNotebook } from './parse.ts';

const exempel = parseNotebook(readFileSync(new URL('./examples/exempel.md', import.meta.url), 'utf8'));
const sqlCell = (name: string, body: string) => `\`\`\`sql ${name}\n${body}\n\`\`\``;

describe('buildGraph(notebook)', () => {
  const graph = buildGraph(exempel);

  it('extracts each cell’s dependencies; ${filters} stands for the declared global filters', () => {
    expect(Object.fromEntries([...graph.nodes].map(([n, node]) => [n, node.deps]))).toEqual({
      period: [], enhet: [], per_manad: ['period', 'enhet'], trend: ['per_manad'], per_hushall: ['per_manad'],
      kostnad: ['per_hushall'], farre: [], besparing: ['farre', 'per_hushall'], automatisering: [], scenario: ['automatisering'],
    });
    expect([...graph.nodes.values()].filter((n) => n.problem)).toEqual([]);
  });

  it('orders every cell after the cells it reads', () => {
    const at = new Map(graph.order.map((n, i) => [n, i]));
    for (const node of graph.nodes.values()) for (const dep of node.deps) expect(at.get(dep)!).toBeLessThan(at.get(node.name)!);
  });

  it.each<[string[], string[]]>([
    [['farre'], ['besparing']],
    [['enhet'], ['per_manad', 'trend', 'per_hushall', 'kostnad', 'besparing']],
    [['per_hushall'], ['kostnad', 'besparing']],
    [['automatisering'], ['scenario']],
    [['farre', 'automatisering'], ['besparing', 'scenario']],
    [['trend'], []],
  ])('dirtyAfter(%j) is exactly %j', (changed, dirty) => {
    expect([...graph.dirtyAfter(changed)].sort()).toEqual([...dirty].sort());
  });

  it('names a cycle in Swedish on every cell in it, and leaves cells downstream without a problem', () => {
    const g = buildGraph(parseNotebook([sqlCell('a', 'SELECT * FROM ${c}'), sqlCell('b', 'SELECT * FROM ${a}'), sqlCell('c', 'SELECT * FROM ${b}'), sqlCell('d', 'SELECT * FROM ${a}'), sqlCell('s', 'SELECT * FROM ${s}')].join('\n\n')));
    expect(g.cycles).toEqual([['a', 'c', 'b', 'a'], ['s', 's']]);
    expect(g.nodes.get('a')!.problem).toBe('Cykliskt beroende: a → c → b → a.');
    expect(g.nodes.get('b')!.problem).toBe('Cykliskt beroende: a → c → b → a.');
    expect(g.nodes.get('s')!.problem).toBe('Cykliskt beroende: s → s.');
    expect(g.nodes.get('d')!.problem).toBeUndefined();
  });

  it.each([
    ['unknown reference', sqlCell('q', 'SELECT * FROM ${saknas}'), 'q', 'Cellen q hänvisar till saknas, som inte finns.'],
    ['bad reference syntax', sqlCell('q', 'SELECT ${a b}'), 'q', /Ogiltig referens/],
    ['SQL reading a chart', `${sqlCell('q', 'SELECT 1')}\n\n\`\`\`chart k\ntype: table\ndata: q\n\`\`\`\n\n${sqlCell('r', 'SELECT * FROM ${k}')}`, 'r', /hänvisar till diagrammet k/],
    ['chart of a missing cell', '```chart k\ntype: table\ndata: borta\n```', 'k', 'Cellen k hänvisar till borta, som inte finns.'],
    ['chart selecting into a non-input', `${sqlCell('q', 'SELECT 1')}\n\n\`\`\`chart k\ntype: table\ndata: q\nselect: q\n\`\`\``, 'k', /ska skriva sitt urval till inmatningen q/],
    ['SQL cell taking a global filter name', sqlCell('enhet', 'SELECT 1'), 'enhet', 'Namnet enhet är ett globalt filter och kan bara användas för en inmatning.'],
    ['error cell keeps its message', '```chart k\ntype: pie\ndata: q\n```', 'k', /Okänt värde "pie"/],
  ])('reports %s as a problem of that cell', (_label, text, cell, message) => {
    const problem = buildGraph(parseNotebook(text)).nodes.get(cell)!.problem;
    if (typeof message === 'string') expect(problem).toBe(message);
    else expect(problem).toMatch(message);
  });

  it('makes ${filters} depend on a global filter that failed to parse, so the query is blocked, not unfiltered', () => {
    const g = buildGraph(parseNotebook(`\`\`\`input period\ntype: period\nfrom: 2023-13\nto: 2023-12\n\`\`\`\n\n${sqlCell('q', 'SELECT 1 WHERE ${filters}')}`));
    expect(g.nodes.get('q')!.deps).toEqual(['period']);
    expect(g.nodes.get('period')!.problem).toMatch(/ÅÅÅÅ-MM/);
  });

  it('treats a select’s `from:` as a dependency only when it names a cell', () => {
    const g = buildGraph(parseNotebook(`${sqlCell('q', 'SELECT 1 AS x')}\n\n\`\`\`input a\ntype: select\ncolumn: x\nfrom: q\n\`\`\`\n\n\`\`\`input b\ntype: select\ncolumn: x\nfrom: perioder\n\`\`\``));
    expect(g.nodes.get('a')!.deps).toEqual(['q']);
    expect(g.nodes.get('b')!.deps).toEqual([]);
    expect(g.nodes.get('b')!.problem).toBeUndefined();
  });
});
