import { dataSourceFrom } from './engine/data-source.ts';
import { snapshotPathFor } from './metrics/snapshot-path.ts';
// The page's styles come with the entry, so the static header (index.html) is drawn styled at once.
import './ui/app.css';

// The page's entry is kept tiny (no DuckDB, no Arrow, no Svelte) so that it runs at once and the two
// requests the first screen waits for go out together: the pre-computed figures and the app's bundle.
// The engine starts only once those figures are drawn (src/ui/App.svelte), see docs/bench.md.
const chosen = dataSourceFrom(location.search);
if (chosen.ok) {
  // The app's own fetch of the same address is answered from this preload (src/ui/first-screen.svelte.ts).
  const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: snapshotPathFor(chosen.url), crossOrigin: 'anonymous' });
  document.head.append(link);
}
void import('./ui/mount.ts');
// A link straight to a notebook (the månadsrapport opened in front of the nämnd) fetches the notebook
// page with the app's bundle instead of after it has mounted; the app's own import then finds it loaded.
if (location.hash.startsWith('#/anteckningar/')) void import('./ui/notebooks/NotebookPage.svelte');
