/** The snapshot's address for a data file's address: `data/x.arrow` → `data/x.forberaknat.json` (src/metrics/snapshot.ts). */
export function snapshotPathFor(dataPath: string): string {
  return dataPath.replace(/\.arrow$/, '') + '.forberaknat.json';
}
