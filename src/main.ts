import { bootEngineEarly } from './engine/engine-boot.ts';
import { dataSourceFrom } from './engine/data-source.ts';
import { snapshotPathFor } from './metrics/snapshot-path.ts';
// The page's styles come with the entry, so the static header (index.html) is drawn styled at once.
import './ui/app.css';

// The page's entry is kept tiny so DuckDB-WASM's worker, wasm fetch and compile (the seconds of a cold
// start) begin before the app's own bundle has been fetched; the app takes the engine over when it opens.
bootEngineEarly();
// The pre-computed first screens are requested now, in parallel with the app's bundle; the app's own
// fetch of the same address is then answered from this preload (src/ui/first-screen.svelte.ts).
const chosen = dataSourceFrom(location.search);
if (chosen.ok) {
  const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: snapshotPathFor(chosen.url), crossOrigin: 'anonymous' });
  document.head.append(link);
}
void import('./ui/mount.ts');
// A link straight to a notebook (the månadsrapport opened in front of the nämnd) fetches the notebook
// page with the app's bundle instead of after it has mounted; the app's own import then finds it loaded.
if (location.hash.startsWith('#/anteckningar/')) void import('./ui/notebooks/NotebookPage.svelte');
