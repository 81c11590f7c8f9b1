/**
 * What a file says about where its figures come from, as label–text pairs: data file, period, filters,
 * when it was made, the small-count threshold and the definitions. The XLSX sheet "Om rapporten" says the
 * same; the CSV writes these pairs after its table (docs/notebooks.md "Rapporter").
 */
import type { ReportContext } from '../format/report.ts';

const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' });

/** The protection rule in words, with the threshold in force. */
export function protectionText(threshold: number): string {
  return `Skyddat: färre än ${threshold} hushåll. Antal hushåll eller personer från 1 till ${threshold - 1} visas som "<${threshold}". `
    + 'Belopp, andelar och förändringar som skulle avslöja en sådan grupp visas som "skyddat", liksom den näst minsta gruppen där en '
    + 'summa annars kunde räknas fram. Skyddade celler är text i filen; talet finns inte med.';
}

/** The context as label–text pairs, in the order the "Om rapporten" sheet lists them; definitions last. */
export function aboutPairs(ctx: ReportContext): [string, string][] {
  const generated = new Date(ctx.generatedAt);
  return [
    ['Rapport', ctx.title],
    ['Datafil', ctx.dataFile],
    ['Period', ctx.period],
    ['Filter', ctx.filters.length > 0 ? ctx.filters.join(', ') : 'Inga (alla hushåll)'],
    ['Skapad', Number.isNaN(generated.getTime()) ? ctx.generatedAt : when.format(generated)],
    ['Skyddade småtal', protectionText(ctx.threshold)],
    ...ctx.definitions.map((d): [string, string] => [d.term, d.text]),
  ];
}
