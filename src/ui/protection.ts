import { getContext, setContext } from 'svelte';
import { DEFAULT_THRESHOLD, type SuppressionOptions } from '../format/suppression.ts';

const PROTECTION = Symbol('protection');

/**
 * Provides the page's small-count options (the threshold T from the link's `skydd=`) to every table,
 * KPI card, chart and download below; a getter, so a changed link reaches them without a remount.
 */
export function setProtection(options: () => SuppressionOptions): void {
  setContext(PROTECTION, options);
}

/**
 * The small-count options in force. Outside a page that sets them (a component rendered on its own in a
 * test, the query console) the default T = 5 applies: protection is never off by omission.
 */
export function getProtection(): () => SuppressionOptions {
  return getContext<(() => SuppressionOptions) | undefined>(PROTECTION) ?? (() => ({ threshold: DEFAULT_THRESHOLD }));
}

/** T of `options`, for texts and report contexts. */
export const thresholdOf = (options: SuppressionOptions): number => options.threshold ?? DEFAULT_THRESHOLD;
