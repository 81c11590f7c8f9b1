import { describe, expect, it } from 'vitest';
import { columnLabel } from './column-labels.ts';

describe('columnLabel(column)', () => {
  it.each([
    ['new_periods', 'Nya hushåll'],
    ['exits', 'Avslut'],
    ['my_own_column', 'my_own_column'],
  ])('%s → %s', (column, label) => {
    expect(columnLabel(column)).toBe(label);
  });
});
