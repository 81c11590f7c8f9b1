/**
 * Hash routing with the view's state in the URL: `#/nyckeltal?period=2024-01..2024-06&enhet=Norr`.
 * A link reproduces the view, and the browser's back button walks through earlier states.
 * `?data=` in the search part (which file is loaded) is left alone.
 */
export interface Route {
  readonly page: string;
  readonly params: URLSearchParams;
}

/** Parses `#/page/sub?x=1` into a route; an empty hash is the start page. */
export function parseHash(hash: string, fallback = 'oversikt'): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = body.split('?', 2);
  return { page: path || fallback, params: new URLSearchParams(query) };
}

/** Formats a route as a hash; parameters are sorted so one view has one URL. */
export function toHash(page: string, params?: URLSearchParams | Record<string, string>): string {
  const p = new URLSearchParams(params);
  p.sort();
  const query = p.toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}
