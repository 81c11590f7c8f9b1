import { describe, expect, it } from 'vitest';
import { columnLabel } from './column-labels.ts';

describe('columnLabel(column)', () => {
  it.each([
    ['new_periods', 'Påbörjade perioder'],
    ['returning_periods', 'Varav återkommande'],
    ['followed_up', 'Avslut med full uppföljning'],
    ['exits', 'Avslut'],
    ['my_own_column', 'my_own_column'],
  ])('%s → %s', (column, label) => {
    expect(columnLabel(column)).toBe(label);
  });
});
