import { parseHash, toHash, type Route } from './route.ts';

/** The current route, kept in step with the address bar. */
export class Router {
  route = $state<Route>(parseHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(location.hash);
    });
  }

  /** Goes to a page; `replace` updates the URL without a new history entry (e.g. while dragging a slider). */
  go(page: string, params?: URLSearchParams | Record<string, string>, replace = false): void {
    const hash = toHash(page, params);
    if (hash === location.hash) return;
    if (replace) {
      history.replaceState(history.state, '', hash);
      this.route = parseHash(hash);
    } else {
      location.hash = hash;
    }
  }
}
