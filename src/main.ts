import { bootEngineEarly } from './engine/engine-boot.ts';

// The page's entry is kept tiny so DuckDB-WASM's worker, wasm fetch and compile (the seconds of a cold
// start) begin before the app's own bundle has been fetched; the app takes the engine over when it opens.
bootEngineEarly();
void import('./ui/mount.ts');
