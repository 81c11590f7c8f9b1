import { describe, expect, it } from 'vitest';
import { markdownBlocks, withoutPageInstructions } from './markdown-text.ts';

describe('withoutPageInstructions(blocks)', () => {
  it('drops a paragraph that opens with a page instruction, and instruction sentences elsewhere', () => {
    const md = [
      '## Trend',
      'Dra över diagrammet för att välja period; alla figurer ovan och nedan följer valet. Urvalet visas ovanför diagrammet och kan rensas där.',
      'Klicka på en stapel för att filtrera resten av rapporten; klicka igen för att ta bort urvalet.',
      '*Skriv månadens kommentar här: vad nämnden bör känna till. Klicka på Redigera för att ändra texten.*',
      'Antalet hushåll föll med 3 %. Draget i statistiken beror på säsongen.',
      '- Klicka inte här: en lista är inte en instruktion som stycke',
    ].join('\n\n');
    expect(withoutPageInstructions(markdownBlocks(md))).toEqual([
      { kind: 'heading', depth: 2, text: 'Trend' },
      { kind: 'paragraph', text: 'Skriv månadens kommentar här: vad nämnden bör känna till.' },
      { kind: 'paragraph', text: 'Antalet hushåll föll med 3 %. Draget i statistiken beror på säsongen.' },
      { kind: 'list', items: ['Klicka inte här: en lista är inte en instruktion som stycke'] },
    ]);
  });
});

describe('renderMarkdown marks page instructions for the print stylesheet', () => {
  it('a paragraph opening with "Dra"/"Klicka" gets class page-hint; other prose and lists do not', async () => {
    const { renderMarkdown } = await import('../notebooks/markdown.ts');
    const html = renderMarkdown('Dra över diagrammet för att välja period.\n\nKlicka på en stapel.\n\nDraget i statistiken beror på säsongen.\n\n- Klicka inte här');
    expect(html).toContain('<p class="page-hint">Dra över diagrammet för att välja period.</p>');
    expect(html).toContain('<p class="page-hint">Klicka på en stapel.</p>');
    expect(html).toContain('<p>Draget i statistiken beror på säsongen.</p>');
    expect(html).toContain('<li>Klicka inte här</li>');
  });
});
