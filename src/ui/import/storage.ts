/**
 * What Egna data keeps in this browser, and only here: saved column mappings (by name, for next
 * month's file), the pseudonymisation key, and — only when the user chooses "Spara på den här
 * datorn" — the imported data itself. The data saved is the validated contract table: pseudonyms or
 * case ids, never a flagged column's raw values (the import refuses those unless dropped or hashed).
 */
import { del, get, set } from 'idb-keyval';
import { generateKeyFile, parseKeyFile, type KeyFile } from '../../import/pseudonymise.ts';
import { parseMappingFile, type MappingFile } from '../../import/mapping.ts';

const MAPPINGS = 'egna-data:mappningar';
const KEY = 'egna-data:pseudonymnyckel';
const DATA = 'egna-data:data';

/** The imported data as saved: Arrow IPC stream and what the "Data:" line says about it. */
export interface SavedData {
  ipc: Uint8Array;
  fileName: string;
  period: string;
  rows: number;
}

/** Saved mappings by name (localStorage: small JSON, read synchronously when a file is chosen). */
export function loadMappings(): MappingFile[] {
  try {
    const list = JSON.parse(localStorage.getItem(MAPPINGS) ?? '[]') as unknown[];
    return list.flatMap((m) => {
      try {
        return [parseMappingFile(JSON.stringify(m))];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** Saves (or replaces) a mapping under its name. */
export function saveMapping(mapping: MappingFile): MappingFile[] {
  const list = loadMappings().filter((m) => m.name !== mapping.name);
  list.push(mapping);
  list.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  localStorage.setItem(MAPPINGS, JSON.stringify(list));
  return list;
}

/** Removes a saved mapping. */
export function deleteMapping(name: string): MappingFile[] {
  const list = loadMappings().filter((m) => m.name !== name);
  localStorage.setItem(MAPPINGS, JSON.stringify(list));
  return list;
}

/** The local pseudonymisation key; created once, so next month's file gets the same pseudonyms. */
export async function pseudonymKey(): Promise<KeyFile> {
  const saved = await get<string>(KEY);
  if (saved) {
    try {
      return parseKeyFile(saved);
    } catch {
      // A damaged key is replaced below; pseudonyms from it could not be reproduced anyway.
    }
  }
  const file = generateKeyFile();
  await set(KEY, JSON.stringify(file));
  return file;
}

/** Replaces the local key with one from a key file (e.g. the one `npm run ingest` uses). */
export async function importPseudonymKey(text: string): Promise<KeyFile> {
  const file = parseKeyFile(text);
  await set(KEY, JSON.stringify(file));
  return file;
}

/** The saved imported data, if the user chose to keep it. */
export async function loadSavedData(): Promise<SavedData | undefined> {
  try {
    return await get<SavedData>(DATA);
  } catch {
    return undefined;
  }
}

/** Keeps the imported data in this browser (IndexedDB). */
export function saveData(data: SavedData): Promise<void> {
  return set(DATA, data);
}

/** "Glöm data": removes the saved import from this browser. */
export function forgetData(): Promise<void> {
  return del(DATA);
}
