/**
 * Which notebook cells are near the screen. A chart far from it (more than half a screen height above or
 * below) keeps the figures it last drew and is redrawn when it comes near: a brush on the trend chart
 * changes a dozen KPI cards and charts a reader cannot see, and redrawing them was a third of the work
 * before the figures on screen were painted (docs/bench.md, "Korsfilter: diagram långt från skärmen").
 * Everything is drawn for print and PDF. The cell's state itself is always current (the runtime's):
 * the report, presentation and downloads read that, never what is drawn.
 */
import { flushSync } from 'svelte';

/** How far outside the screen a cell still counts as near: half a screen height above and below. */
const MARGIN = '50% 0px';

const watchers = new WeakMap<Element, (near: boolean) => void>();
let observer: IntersectionObserver | undefined;

/** Set while every cell must be drawn whatever its place (printing). */
export const drawing = $state({ all: false });

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) watchers.get(e.target)?.(e.isIntersecting);
    },
    { rootMargin: MARGIN },
  );
  return observer;
}

/** Calls `onChange` with whether `element` is near the screen, now and on each change; returns the stop function. */
export function watchNearness(element: Element, onChange: (near: boolean) => void): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => {};
  watchers.set(element, onChange);
  shared().observe(element);
  return () => {
    watchers.delete(element);
    observer?.unobserve(element);
  };
}

/**
 * `read()` while `live(held)` says so for the value last taken; otherwise that value, the same object,
 * so nothing that depends on it is recomputed or redrawn. Call during a component's initialisation.
 */
export function heldWhileFar<T>(read: () => T, live: (held: T) => boolean): { readonly current: T } {
  let held: { value: T } | undefined;
  const current = $derived.by(() => {
    const value = read();
    if (!held || live(held.value)) held = { value };
    return held.value;
  });
  return {
    get current() {
      return current;
    },
  };
}

/**
 * Draws every cell while the page prints (the browser's print, or a PDF made with print media, as
 * `npm run report` does): synchronously, before the print layout, then back to near cells only.
 */
export function drawAllWhilePrinting(): () => void {
  if (typeof window === 'undefined') return () => {};
  const media = window.matchMedia('print');
  const set = (all: boolean) => {
    if (drawing.all === all) return;
    drawing.all = all;
    flushSync();
  };
  const before = () => set(true);
  // After printing, and on any change of print media (emulated, as for a PDF), follow the media.
  const follow = () => set(media.matches);
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', follow);
  media.addEventListener('change', follow);
  drawing.all = media.matches;
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', follow);
    media.removeEventListener('change', follow);
  };
}
