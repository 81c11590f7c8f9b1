import { sqlDependencies } from './compile.ts';
import { SqlRefError } from './sql-refs.ts';
import { GLOBAL_FILTERS, isNamedCell, type InputCell, type NamedCell, type Notebook } from './types.ts';

/** One named cell in the graph. */
export interface CellNode {
  readonly name: string;
  readonly cell: NamedCell;
  /** Names this cell reads (inputs and cells), each present in the graph. */
  readonly deps: readonly string[];
  /** Why the cell cannot run, found before running anything (bad reference, cycle, parse error). */
  readonly problem?: string;
}

/** Dependencies between a notebook's named cells. */
export interface CellGraph {
  readonly nodes: ReadonlyMap<string, CellNode>;
  /** Every node, each after all it depends on (cycle members in file order where the cycle breaks). */
  readonly order: readonly string[];
  /** Each cycle as the path that closes it, e.g. ['a', 'b', 'a']. */
  readonly cycles: readonly (readonly string[])[];
  /** Cells that read `name` directly. */
  dependents(name: string): ReadonlySet<string>;
  /** Every cell that must rerun when the named inputs or cells change (transitively), not the changed ones. */
  dirtyAfter(changed: Iterable<string>): Set<string>;
}

/** Named cells and the input cells among them, by name. */
export function indexNotebook(notebook: Notebook): { cells: Map<string, NamedCell>; inputs: Map<string, InputCell> } {
  const cells = new Map<string, NamedCell>();
  const inputs = new Map<string, InputCell>();
  for (const cell of notebook.cells) {
    if (!isNamedCell(cell) || cells.has(cell.name)) continue;
    cells.set(cell.name, cell);
    if (cell.kind === 'input') inputs.set(cell.name, cell);
  }
  return { cells, inputs };
}

/** Builds the dependency graph, reporting unknown references and cycles as per-cell problems. */
export function buildGraph(notebook: Notebook): CellGraph {
  const { cells } = indexNotebook(notebook);
  const draft = new Map<string, { cell: NamedCell; deps: string[]; problem?: string }>();
  for (const [name, cell] of cells) {
    let problem = cell.kind === 'error' ? cell.message : undefined;
    let wanted: string[] = [];
    try {
      wanted = declaredDeps(cell, cells);
    } catch (error) {
      if (!(error instanceof SqlRefError)) throw error;
      problem = error.message;
    }
    const deps: string[] = [];
    for (const dep of wanted) {
      const target = cells.get(dep);
      if (!target) problem ??= `Cellen ${name} hänvisar till ${dep}, som inte finns.`;
      else if (target.kind === 'chart') problem ??= `Cellen ${name} hänvisar till diagrammet ${dep}; bara SQL-celler, simuleringar och inmatningar går att läsa.`;
      else if (cell.kind === 'sql' && target.kind === 'simulation') problem ??= `SQL-cellen ${name} kan inte läsa simuleringen ${dep}.`;
      else deps.push(dep);
    }
    if ((GLOBAL_FILTERS as readonly string[]).includes(name) && cell.kind !== 'input' && cell.kind !== 'error') {
      problem ??= `Namnet ${name} är ett globalt filter och kan bara användas för en inmatning.`;
    }
    if (cell.kind === 'chart' && cell.spec.select !== undefined && cells.get(cell.spec.select)?.kind !== 'input') {
      problem ??= `Diagrammet ${name} ska skriva sitt urval till inmatningen ${cell.spec.select}, som inte finns.`;
    }
    if (cell.kind === 'chart' && cells.get(cell.spec.data)?.kind === 'input') {
      problem ??= `Diagrammet ${name} ska rita data från en SQL-cell eller simulering, inte inmatningen ${cell.spec.data}.`;
    }
    draft.set(name, problem === undefined ? { cell, deps } : { cell, deps, problem });
  }

  const { order, cycles } = sortTopologically(draft);
  for (const cycle of cycles) {
    const message = `Cykliskt beroende: ${cycle.join(' → ')}.`;
    for (const name of new Set(cycle)) {
      const node = draft.get(name)!;
      node.problem ??= message;
    }
  }

  const nodes = new Map<string, CellNode>([...draft].map(([name, d]) => [name, { name, ...d }]));
  const reverse = new Map<string, Set<string>>();
  for (const node of nodes.values()) {
    for (const dep of node.deps) {
      if (!reverse.has(dep)) reverse.set(dep, new Set());
      reverse.get(dep)!.add(node.name);
    }
  }
  const none: ReadonlySet<string> = new Set();
  return {
    nodes,
    order,
    cycles,
    dependents: (name) => reverse.get(name) ?? none,
    dirtyAfter(changed) {
      const dirty = new Set<string>();
      const queue = [...changed];
      while (queue.length) {
        for (const next of reverse.get(queue.pop()!) ?? none) {
          if (!dirty.has(next)) {
            dirty.add(next);
            queue.push(next);
          }
        }
      }
      return dirty;
    },
  };
}

function declaredDeps(cell: NamedCell, cells: ReadonlyMap<string, NamedCell>): string[] {
  switch (cell.kind) {
    case 'sql':
      return sqlDependencies(cell.sql, cells, GLOBAL_FILTERS);
    case 'metric':
      // A metric honours every global filter the notebook declares, like ${filters}.
      return GLOBAL_FILTERS.filter((f) => cells.has(f) && !cell.spec.exclude?.includes(f));
    case 'chart':
      return [cell.spec.data];
    case 'input':
      // `from:` is either another cell (a dependency) or a database table (none).
      return (cell.spec.type === 'select' || cell.spec.type === 'multiselect') && cell.spec.from !== undefined && cells.has(cell.spec.from) ? [cell.spec.from] : [];
    case 'simulation':
      return [
        ...new Set([
          ...Object.values(cell.spec.set),
          ...(cell.spec.scenarioInput === undefined ? [] : [cell.spec.scenarioInput]),
          ...(cell.spec.forecast === undefined ? [] : [cell.spec.forecast.split('.')[0]!]),
        ]),
      ];
    case 'error':
      return [];
  }
}

/** Depth-first post-order; a back edge is a cycle, recorded as the path that closes it. */
function sortTopologically(draft: ReadonlyMap<string, { deps: readonly string[] }>): { order: string[]; cycles: string[][] } {
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of draft.get(name)?.deps ?? []) {
      const s = state.get(dep);
      if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (s === undefined) visit(dep);
    }
    stack.pop();
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of draft.keys()) if (!state.has(name)) visit(name);
  return { order, cycles };
}
