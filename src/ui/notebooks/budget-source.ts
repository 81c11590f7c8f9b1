/**
 * Which budget the page's notebooks read as table `budget`: the bundled data/budget.csv, or a file
 * the controller chose in the browser. A chosen file stays for the browser tab's session
 * (sessionStorage), never leaves the machine, and replaces the bundled one until "Använd exempelbudgeten".
 */
import type { Connector } from '../../engine/connector.ts';
import { loadBudget, parseBudgetCsv, type Budget } from '../../notebooks/index.ts';
import bundledCsv from '../../../data/budget.csv?raw';

/** The budget in use: its file name, whether it is the bundled sample, and its rows. */
export interface BudgetInfo {
  readonly fileName: string;
  readonly bundled: boolean;
  readonly budget: Budget;
}

export const BUNDLED_NAME = 'data/budget.csv';
const STORAGE_KEY = 'bistandslaget.budget';

// Per database, not a global: the table lives in that database, so does the record of its source.
const loaded = new WeakMap<Connector, Promise<BudgetInfo>>();

function stored(): { fileName: string; text: string } | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as { fileName: string; text: string }) : null;
  } catch {
    return null;
  }
}

async function load(db: Connector, fileName: string, text: string, bundled: boolean): Promise<BudgetInfo> {
  const budget = parseBudgetCsv(text);
  await loadBudget(db, budget);
  return { fileName, bundled, budget };
}

/** Whether the page reads the bundled budget (no file chosen in this tab), as the pre-computed notebooks did. */
export function usesBundledBudget(): boolean {
  return stored() === null;
}

/** The bundled budget's file name and rows, parsed without a database (shown while the engine starts). */
export function bundledBudgetInfo(): BudgetInfo {
  return { fileName: BUNDLED_NAME, bundled: true, budget: parseBudgetCsv(bundledCsv) };
}

/** Loads the session's budget (a chosen file, else the bundled one) as table `budget`, once per database. */
export function ensureBudget(db: Connector): Promise<BudgetInfo> {
  let p = loaded.get(db);
  if (!p) {
    const chosen = stored();
    // A stored file was valid when chosen; if it no longer parses, fall back to the bundled one.
    p = chosen ? load(db, chosen.fileName, chosen.text, false).catch(() => load(db, BUNDLED_NAME, bundledCsv, true)) : load(db, BUNDLED_NAME, bundledCsv, true);
    loaded.set(db, p);
  }
  return p;
}

/**
 * Replaces the budget with a chosen file's text. Throws (BudgetFileError, Swedish, every bad line)
 * before touching the table, so a bad file leaves the budget in use unchanged.
 */
export async function chooseBudgetFile(db: Connector, fileName: string, text: string): Promise<BudgetInfo> {
  const budget = parseBudgetCsv(text);
  await ensureBudget(db);
  await loadBudget(db, budget);
  const info: BudgetInfo = { fileName, bundled: false, budget };
  loaded.set(db, Promise.resolve(info));
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ fileName, text }));
  } catch {
    // Storage full or blocked: the file still applies until the page is reloaded.
  }
  return info;
}

/** Goes back to the bundled data/budget.csv. */
export async function useBundledBudget(db: Connector): Promise<BudgetInfo> {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored to forget.
  }
  const info = await load(db, BUNDLED_NAME, bundledCsv, true);
  loaded.set(db, Promise.resolve(info));
  return info;
}
