import { describe, expect, it } from 'vitest';
import { importTable, readCsvBytes } from './import.ts';

const ROWS = 40_000;
const BAD_ROW = 30_000;

/** A 40 000-row export whose first rows are all whole numbers; row 30 000's cell `column` is `value`. */
function file(column: 'utbetalt_kr' | 'antal_barn', value: string): Uint8Array {
  const lines = ['hushall_id;manad;utbetalt_kr;antal_barn'];
  for (let row = 1; row <= ROWS; row++) {
    const amount = row === BAD_ROW && column === 'utbetalt_kr' ? value : String(1000 + (row % 7));
    const children = row === BAD_ROW && column === 'antal_barn' ? value : String(row % 3);
    lines.push(`H${row % 4000};${2000 + Math.floor(row / 4000)}-${String(1 + (row % 12)).padStart(2, '0')};${amount};${children}`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Sum of the whole amounts of every row except row 30 000, by plain arithmetic. */
function wholeSumWithout30000(): number {
  let sum = 0;
  for (let row = 1; row <= ROWS; row++) if (row !== BAD_ROW) sum += 1000 + (row % 7);
  return sum;
}

describe('importTable: one odd value late in a 40 000-row file', () => {
  it('refuses a decimal antal_barn in row 30 000 (not rounded), keeping the other 39 999 rows', async () => {
    const r = await importTable(readCsvBytes(file('antal_barn', '1,5')));
    expect(r.rejected).toEqual([{ row: BAD_ROW, problems: [{ column: 'antal_barn', reason: 'inte ett heltal (antal kan inte ha decimaler)' }] }]);
    expect(r.importedTotals.rows).toBe(ROWS - 1);
    expect(r.columns.antal_barn!.every((n) => Number.isInteger(n))).toBe(true);
  });

  it('keeps a decimal amount 1234.75 in row 30 000 exactly', async () => {
    const r = await importTable(readCsvBytes(file('utbetalt_kr', '1234.75')));
    expect(r.rejected).toEqual([]);
    expect(r.columns.utbetalt_kr[BAD_ROW - 1]).toBe(1234.75);
    expect(r.importedTotals.utbetaltKr).toBe(wholeSumWithout30000() + 1234.75);
    expect(r.fileTotals.utbetaltKr).toBe(r.importedTotals.utbetaltKr);
  });

  it('refuses a NaN amount in row 30 000', async () => {
    const r = await importTable(readCsvBytes(file('utbetalt_kr', 'NaN')));
    expect(r.rejected).toEqual([{ row: BAD_ROW, problems: [{ column: 'utbetalt_kr', reason: 'inte ett ändligt tal' }] }]);
    expect(r.importedTotals.utbetaltKr).toBe(wholeSumWithout30000());
    expect(r.fileTotals.unreadableAmounts).toBe(1);
  });
});
