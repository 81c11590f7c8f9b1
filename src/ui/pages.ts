import type { Component } from 'svelte';
import type { Router } from './router.svelte.ts';
import OverviewPage from './OverviewPage.svelte';
import MetricsPage from './metrics/MetricsPage.svelte';
import ScenarioPage from './scenarios/ScenarioPage.svelte';
import NotebookPage from './notebooks/NotebookPage.svelte';
import ImportPage from './import/ImportPage.svelte';

/** A page of the dashboard: its route id, its Swedish title and its component. */
export interface PageDef {
  readonly id: string;
  readonly title: string;
  readonly component: Component<{ router: Router }>;
}

/** The dashboard's pages, in menu order. */
export const PAGES: readonly PageDef[] = [
  { id: 'oversikt', title: 'Översikt', component: OverviewPage },
  { id: 'nyckeltal', title: 'Nyckeltal', component: MetricsPage },
  { id: 'scenarier', title: 'Scenarier', component: ScenarioPage },
  { id: 'anteckningar', title: 'Anteckningsböcker', component: NotebookPage },
  { id: 'egna-data', title: 'Egna data', component: ImportPage },
];

/** The page for a route id (sub-paths such as `anteckningar/x` match their first part); the start page otherwise. */
export function findPage(id: string): PageDef {
  const head = id.split('/')[0];
  return PAGES.find((p) => p.id === head) ?? PAGES[0]!;
}
