import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createHandler } from './scripts/static-server.mjs';

// Everything, including the DuckDB wasm and worker bundles, is emitted into dist/ and served
// from our own origin: municipal networks are closed, so nothing may come from a CDN.
export default defineConfig({
  plugins: [
    svelte(),
    {
      // `vite preview` serves dist/ through the same handler as `npm start`: the same security,
      // cache and compression headers (README, "Driftsättning").
      name: 'bistandslaget-preview-headers',
      configurePreviewServer(server) {
        const hosts = process.env.PUBLIC_HOST ? [process.env.PUBLIC_HOST] : [];
        server.middlewares.use(createHandler(resolve(server.config.root, server.config.build.outDir), { hosts }));
      },
    },
    // The first screen's scripts are requested from the HTML, in parallel with the entry, instead of
    // after it has run (docs/bench.md, "Första skärmen"). The pre-computed figures are not: which file
    // they belong to depends on the link's ?data=, so the entry (src/main.ts) preloads them itself.
    firstScreenPreload({ appModule: 'src/ui/mount.ts' }),
    staleRecordWarning('public/data/utbetalningar.forberaknat.json'),
  ],
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // bench.html is the browser half of `npm run bench` (src/bench/): only the bench's own build
    // (BENCH_PAGE=1, see src/cli/bench/files.ts) includes it, so the production dist/ carries no bench code.
    rollupOptions: { input: process.env.BENCH_PAGE === '1' ? { main: 'index.html', bench: 'bench.html' } : { main: 'index.html' } },
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});

/** What the built index.html should ask for at once: the app module the entry imports. */
interface FirstScreenPreloadOptions {
  /** The module the entry loads with `import()` (src/main.ts), relative to the project root. */
  appModule: string;
}

/**
 * Adds `<link rel=modulepreload>` for the app module and every chunk it imports statically, and a style
 * preload for their CSS, to the built index.html. Without them these requests go out only once the
 * entry has been fetched and run, which on a loaded 2-core machine is 0,2–0,7 s after the HTML
 * (docs/bench.md, "Första skärmen"). No snapshot is preloaded here: the HTML is the same whatever the
 * link's `?data=`, and a page opened with other data (or a refused address) must not fetch the
 * sample's figures; the entry preloads the right one, or none.
 */
function firstScreenPreload(options: FirstScreenPreloadOptions): Plugin {
  return {
    name: 'bistandslaget-first-screen-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle || !ctx.chunk) return [];
        const chunks = Object.values(ctx.bundle as OutputBundle).filter((c): c is OutputChunk => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${options.appModule}`));
        // Only the page's own entry gets the hints (the bench's page has other needs).
        if (!app || !ctx.chunk.dynamicImports.includes(app.fileName)) return [];
        const scripts = staticClosure(app, chunks).filter((f) => f !== ctx.chunk!.fileName);
        const styles = [app, ...chunks.filter((c) => scripts.includes(c.fileName))].flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]);
        return [
          ...scripts.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `./${f}` }, injectTo: 'head' as const })),
          ...[...new Set(styles)].map((f) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: '', href: `./${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/**
 * Warns when the pre-computed månadsrapport in public/data was recorded from another text of its
 * notebook: the page then drops the record (by design) and the report waits for the engine, which is
 * easy to mistake for a broken first screen. `npm run build` re-runs `npm run prepare-data` first; a
 * bare `vite build` after a notebook edit does not.
 */
function staleRecordWarning(snapshotFile: string): Plugin {
  return {
    name: 'bistandslaget-stale-record-warning',
    apply: 'build',
    buildStart() {
      if (!existsSync(snapshotFile)) return;
      const notebooks = (JSON.parse(readFileSync(snapshotFile, 'utf8')) as { notebooks?: Record<string, { textSha256: string }> }).notebooks ?? {};
      for (const [id, record] of Object.entries(notebooks)) {
        const text = `src/notebooks/builtin/${id}.md`;
        if (!existsSync(text) || createHash('sha256').update(readFileSync(text)).digest('hex') === record.textSha256) continue;
        this.warn(`${snapshotFile}: the record of ${text} is from another text of it, so the page will not show it; run npm run prepare-data`);
      }
    },
  };
}

/** The chunk and every chunk reachable from it through static imports, file names, in load order. */
function staticClosure(root: OutputChunk, chunks: OutputChunk[]): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (c: OutputChunk): void => {
    if (seen.has(c.fileName)) return;
    seen.add(c.fileName);
    for (const name of c.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  visit(root);
  return [...seen];
}
