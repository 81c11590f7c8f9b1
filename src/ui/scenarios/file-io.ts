/**
 * Scenario files in and out of the page: an uploaded file is checked with the engine's own schema
 * (the same rules as `npm run simulate`), and the current scenario is saved as such a file.
 */
import { checkScenarioFile, type ScenarioFile } from '../../simulation/index.ts';

/** Largest scenario file accepted; real ones are a few kB. */
export const MAX_FILE_BYTES = 1_000_000;

/** An uploaded file's text checked as a scenario file, or the Swedish lines saying what is wrong and where. */
export function readScenarioText(text: string, fileName: string): { ok: true; file: ScenarioFile } | { ok: false; issues: string[] } {
  if (text.length > MAX_FILE_BYTES) return { ok: false, issues: [`${fileName}: filen är för stor för en scenariofil (högst 1 MB)`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [`${fileName}: filen är inte giltig JSON (${detail})`] };
  }
  const checked = checkScenarioFile(json);
  return checked.ok ? checked : { ok: false, issues: checked.issues };
}

/** A file name for a scenario: `scenario-bas-andrat.json`, ASCII only. */
export function scenarioFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `scenario-${slug || 'namnlost'}.json`;
}

/** The file's JSON text, indented so it can be read and edited by hand. */
export function scenarioJson(file: ScenarioFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Saves `text` as a download named `fileName` (browser only). */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
