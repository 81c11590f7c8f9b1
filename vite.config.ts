import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
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
