/**
 * A small seeded pseudo-random generator (mulberry32), so that the uncertainty runs are identical
 * for a given scenario seed in Node, in a worker and in a test. Not for anything secret.
 */

/** Returns a function giving uniform numbers in [0, 1) from a 32-bit seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
