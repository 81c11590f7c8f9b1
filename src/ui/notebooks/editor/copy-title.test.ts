import { describe, expect, it } from 'vitest';
import { copyTitle } from './copy-title.ts';

describe('copyTitle(title, taken)', () => {
  it.each([
    ['Månadsrapport', [], 'Månadsrapport'],
    ['Månadsrapport', ['Månadsrapport'], 'Månadsrapport (kopia)'],
    ['Månadsrapport', ['Månadsrapport', 'Månadsrapport (kopia)'], 'Månadsrapport (kopia 2)'],
    ['Månadsrapport (kopia)', ['Månadsrapport', 'Månadsrapport (kopia)'], 'Månadsrapport (kopia 2)'],
    ['månadsrapport', ['Månadsrapport'], 'månadsrapport (kopia)'],
    ['Månadsrapport', ['Månadsrapport', 'Månadsrapport (kopia)', 'Månadsrapport (kopia 2)'], 'Månadsrapport (kopia 3)'],
  ])('%s among %j → %s', (title, taken, expected) => {
    expect(copyTitle(title, taken)).toBe(expected);
  });
});
