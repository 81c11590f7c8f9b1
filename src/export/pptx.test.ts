import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
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

  // The same report under T = 10, with the page's own instructions in its text (as the månadsrapport has).
  const ten: NotebookReport = {
    ...report,
    context: { ...report.context, threshold: 10 },
    sections: [
      { ...report.sections[0]!, blocks: [...report.sections[0]!.blocks, { kind: 'text', text: { kind: 'paragraph', text: 'Dra över diagrammet för att välja period; alla figurer följer valet. Urvalet kan rensas.' } }, { kind: 'text', text: { kind: 'paragraph', text: 'Skriv kommentaren här. Klicka på Redigera för att ändra texten.' } }] },
      report.sections[1]!,
    ],
  };
  it.skipIf(!office)('names the threshold in force in its protection notes and leaves out the page instructions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pptx-'));
    const file = join(dir, 'tio.pptx');
    await writeFile(file, await writePptx(ten));
    const text = execFileSync('pdftotext', [await officeToPdf(file, dir), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('<10 och skyddat: färre än 10 hushåll');
    expect(text).toContain('1 punkt skyddad: färre än 10 hushåll');
    expect(text).not.toContain('färre än 5');
    expect(text).toContain('Förklaring till nämnden.');
    expect(text).toContain('Skriv kommentaren här.');
    for (const gone of ['Dra över', 'Urvalet kan rensas', 'Klicka på Redigera']) expect(text).not.toContain(gone);
  }, 120_000);
});
