import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureOffice } from '../../scripts/ensure-office.mjs';
import { writePptx, footerText } from './pptx.ts';
import { officeToPdf, pdfPages, renderPages } from './office.ts';
import type { NotebookReport } from './notebook-report.ts';

// A hand-written report: two sections, protected figures, a chart with a protected point, a table.
const shown = (value: number, text: string) => ({ value, text, protected: false });
const report: NotebookReport = {
  context: { title: 'Månadsrapport', dataFile: 'utbetalningar.arrow', period: 'januari 2025 – mars 2025', filters: ['Enhet: Söder'], generatedAt: '2026-01-01T00:00:00Z', threshold: 5, definitions: [] },
  description: 'Månadens nyckeltal.',
  intro: [{ kind: 'paragraph', text: 'Antal under fem visas som <5.' }],
  sections: [
    {
      title: 'Nyckeltal',
      notes: ['Säg att mars var kall.'],
      blocks: [
        { kind: 'figures', figures: [{ label: 'Aktiva hushåll, mars 2025', cell: shown(321, '321'), change: '+3 (+0,9 %) mot föregående månad' }, { label: 'Hushåll i gruppen', cell: { value: null, text: '<5', protected: true }, change: 'skyddat' }] },
        { kind: 'table', table: { title: 'Budget', columns: [{ label: 'Post', kind: 'text' }, { label: 'Belopp', kind: 'kr' }], rows: [[shown(0, 'Utfall') as never, shown(1261000, '1 261 000 kr')]] } },
        { kind: 'text', text: { kind: 'paragraph', text: 'Förklaring till nämnden.' } },
      ],
    },
    {
      title: 'Trend',
      notes: [],
      blocks: [{ kind: 'chart', chart: { cell: 't', title: 'Aktiva hushåll per månad', spec: { type: 'line', data: 'm', x: 'grupp', y: 'h', format: 'count' }, series: { labels: ['jan. 2025', 'feb. 2025', 'mars 2025'], series: [{ name: 'Hushåll', values: [318, null, 321] }], format: 'count', protectedCount: 1 } } }],
    },
  ],
};

describe('writePptx(report)', () => {
  it('footer names data file, period and filters', () => {
    expect(footerText(report)).toBe('Data: utbetalningar.arrow · Period: januari 2025 – mars 2025 · Filter: Enhet: Söder');
  });

  const office = ensureOffice({ quiet: true });
  if (!office) console.warn('LibreOffice/pdftoppm saknas och kan inte installeras (inte root): PPTX-testet med LibreOffice hoppas över.');
  it.skipIf(!office)('LibreOffice converts it to PDF with 1 + sections pages and pdftoppm renders each', async () => {
    const dir = process.env.KEEP_EXPORTS || (await mkdtemp(join(tmpdir(), 'pptx-')));
    const file = join(dir, 'rapport.pptx');
    await writeFile(file, await writePptx(report));
    const pdf = await officeToPdf(file, dir);
    expect(await pdfPages(pdf)).toBe(1 + report.sections.length);
    expect(await renderPages(pdf, dir, 'sida')).toHaveLength(3);
  }, 120_000);
});
