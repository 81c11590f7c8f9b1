import { getContext, setContext } from 'svelte';

const DATA_CONTROL = Symbol('data-control');

/** Which data every page shows: the bundled sample or a file the user imported. */
export type ActiveData =
  | { kind: 'sample' }
  | { kind: 'import'; fileName: string; period: string; rows: number; saved: boolean };

/** The app shell's switch between the sample and imported data (Egna data uses it). */
export interface DataControl {
  /** The data shown now. */
  active(): ActiveData;
  /** Loads an imported Arrow stream as `utbetalningar`, re-prepares the metrics and re-renders every page. */
  useImported(ipc: Uint8Array, info: { fileName: string; period: string; rows: number; saved: boolean }): Promise<void>;
  /** Goes back to the bundled sample. */
  useSample(): Promise<void>;
  /** The active import's Arrow stream (for "Spara på den här datorn"); null for the sample. */
  activeIpc(): Uint8Array | null;
  /** Records that the active import is (or no longer is) saved in this browser. */
  setSaved(saved: boolean): void;
}

/** Provides the data switch (called once, by the app shell). */
export function setDataControl(control: DataControl): void {
  setContext(DATA_CONTROL, control);
}

/** Reads the data switch; throws outside the app shell. */
export function getDataControl(): DataControl {
  const control = getContext<DataControl | undefined>(DATA_CONTROL);
  if (!control) throw new Error('getDataControl() utan appskal: komponenten måste ligga inom App.');
  return control;
}

/** "maj 2024 – dec 2024" style period label from two YYYY-MM months. */
export function periodLabel(first: string, last: string, format: (m: string) => string): string {
  return first === last ? format(first) : `${format(first)} – ${format(last)}`;
}
