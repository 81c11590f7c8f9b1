/**
 * Okabe–Ito colours: distinguishable with the common forms of colour blindness,
 * and readable on both the light and the dark theme.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'] as const;

/** The colour of series `i`, cycling through the palette. */
export function colour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
