/** The bundled sample, loaded when the address names no data file. */
export const DEFAULT_DATA = 'data/utbetalningar.arrow';

/** Which data file to load: the sample, or one named by `?data=`, or a refusal saying why. */
export type DataSource = { ok: true; url: string } | { ok: false; requested: string; message: string };

/**
 * A file next to the page, in its own `data/` folder: letters, digits, `.`, `_`, `-`, ending `.arrow`.
 * No scheme, no `//host`, no backslash and no `..`, so the figures shown under "Allt körs lokalt i
 * webbläsaren" always come from the site the page itself came from (README, "Egna data").
 */
const PLAIN_DATA_PATH = /^data\/[A-Za-z0-9_-][A-Za-z0-9._-]*\.arrow$/;

/** Reads `?data=` from an address's search part; a rejected value is reported, never replaced by the sample. */
export function dataSourceFrom(search: string): DataSource {
  const requested = new URLSearchParams(search).get('data');
  if (requested === null) return { ok: true, url: DEFAULT_DATA };
  if (PLAIN_DATA_PATH.test(requested) && !requested.includes('..')) return { ok: true, url: requested };
  return {
    ok: false,
    requested,
    message:
      'Adressens data= får bara namnge en fil i webbplatsens egen datamapp, till exempel data/utbetalningar.arrow ' +
      '(bokstäver a–z, siffror, punkt, bindestreck och understreck). Ingen data lästes in, så inga siffror visas. ' +
      'Ta bort data= ur adressen för att öppna exempeldata.',
  };
}
