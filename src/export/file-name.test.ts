import { describe, expect, it } from 'vitest';
import { downloadName } from './file-name.ts';

describe('downloadName(title, extension, when)', () => {
  const day = new Date(2026, 10, 30, 12);
  it.each([
    ['Per månad: utbetalt', 'xlsx', 'per-manad-utbetalt-2026-11-30.xlsx'],
    ['Hushåll per försörjningshinder (snitt)', 'csv', 'hushall-per-forsorjningshinder-snitt-2026-11-30.csv'],
    ['../../etc/passwd', 'svg', 'etc-passwd-2026-11-30.svg'],
    ['', 'png', 'export-2026-11-30.png'],
  ])('%j → %s', (title, ext, expected) => expect(downloadName(title, ext, day)).toBe(expected));
});
