import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/**
 * Dependencies run one way (docs/architecture.md): ui → notebooks → charts / metrics / simulation →
 * format / engine. Each entry lists the folders a folder must not import from; `src/ui` may also
 * import from engine only its index.ts (the connector factory) and types.
 */
const SRC_FOLDERS = ['engine', 'format', 'simulation', 'charts', 'metrics', 'notebooks', 'import', 'export', 'generator', 'bench', 'ui', 'cli'];
const except = (...allowed) => SRC_FOLDERS.filter((f) => !allowed.includes(f));
const FORBIDDEN = {
  engine: except('engine'),
  format: except('format'),
  simulation: except('simulation', 'format'),
  charts: except('charts', 'format'),
  metrics: ['simulation', 'charts', 'notebooks', 'export', 'bench', 'ui', 'cli'],
  notebooks: ['export', 'bench', 'ui', 'cli'],
  import: ['metrics', 'notebooks', 'simulation', 'charts', 'bench', 'ui', 'cli'],
  export: ['ui', 'cli', 'bench', 'generator'],
  generator: ['metrics', 'notebooks', 'simulation', 'charts', 'import', 'export', 'bench', 'ui', 'cli'],
  bench: ['metrics', 'notebooks', 'charts', 'import', 'export', 'generator', 'ui', 'cli'],
  ui: ['cli', 'bench', 'generator'],
  cli: ['ui'],
};
// Library packages that only some layers may use: the simulation runs in a worker and in Node.
const FORBIDDEN_PACKAGES = { simulation: ['svelte', 'svelte/*', '@duckdb/*', 'apache-arrow', 'd3-scale', 'd3-shape'] };

function layerRule(folder, { uiEngine }) {
  const patterns = [
    ...FORBIDDEN[folder].map((other) => ({
      group: [`**/${other}/*`, `**/${other}/**`],
      message: `src/${folder} must not import from src/${other}: dependencies run one way (docs/architecture.md).`,
    })),
    ...(FORBIDDEN_PACKAGES[folder] ?? []).map((name) => ({ group: [name], message: `src/${folder} must not depend on ${name}.` })),
  ];
  if (uiEngine)
    patterns.push({
      group: ['**/engine/*', '!**/engine/index.ts'],
      allowTypeImports: true,
      message: 'src/ui imports from engine only src/engine/index.ts (the connector factory) and types; SQL belongs in metrics or notebooks.',
    });
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

const layerConfigs = Object.keys(FORBIDDEN).flatMap((folder) => [
  { files: [`src/${folder}/**/*.{ts,svelte}`], rules: layerRule(folder, { uiEngine: folder === 'ui' }) },
  // Tests run in Node and open the native engine themselves.
  ...(folder === 'ui' ? [{ files: ['src/ui/**/*.test.ts'], rules: layerRule(folder, { uiEngine: false }) }] : []),
]);

export default ts.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'public/data/', 'data/', 'bench-results/', 'test-results/', '.lead/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  ...layerConfigs,
);
