import type { Component } from 'svelte';
import type { Router } from './router.svelte.ts';
import OverviewPage from './OverviewPage.svelte';
import MetricsPage from './metrics/MetricsPage.svelte';

type PageComponent = Component<{ router: Router }>;

/**
 * A page of the dashboard: its route id, its Swedish title and its component. The first screens
 * (Översikt, Nyckeltal) are in the main bundle; the other pages load on first visit (`load`), so the
 * notebook editor, CodeMirror, marked, DOMPurify and the simulation never delay the first figures.
 */
export interface PageDef {
  readonly id: string;
  readonly title: string;
  readonly component?: PageComponent;
  readonly load?: () => Promise<PageComponent>;
}

/** The dashboard's pages, in menu order. */
export const PAGES: readonly PageDef[] = [
  { id: 'oversikt', title: 'Översikt', component: OverviewPage },
  { id: 'nyckeltal', title: 'Nyckeltal', component: MetricsPage },
  { id: 'scenarier', title: 'Scenarier', load: async () => (await import('./scenarios/ScenarioPage.svelte')).default },
  { id: 'anteckningar', title: 'Anteckningsböcker', load: async () => (await import('./notebooks/NotebookPage.svelte')).default },
  { id: 'egna-data', title: 'Egna data', load: async () => (await import('./import/ImportPage.svelte')).default },
];

/** The page for a route id (sub-paths such as `anteckningar/x` match their first part); the start page otherwise. */
export function findPage(id: string): PageDef {
  const head = id.split('/')[0];
  return PAGES.find((p) => p.id === head) ?? PAGES[0]!;
}
