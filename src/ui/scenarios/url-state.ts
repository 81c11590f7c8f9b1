/**
 * The Scenarier page's state in the URL, compactly: one `s` parameter per scenario (up to three),
 * each the source plus only the moved assumptions, e.g. `#/scenarier?s=bas*ds_0.9*sr_0.5&s=forsiktig&v=1` (`*` and `_` are left unescaped by URLSearchParams);
 * `cal` asks for the baseline from data for a file that has its own figures (a worked example).
 * An uploaded file travels inside the link (`fil.` + base64url JSON), so a link reproduces it too.
 * A broken part of a link is reported in Swedish and skipped; the rest is used.
 */
import { checkScenarioFile } from '../../simulation/index.ts';
import { findAssumption, roundToStep } from '../../simulation/index.ts';
import { DEFAULT_PRESET, findPreset, PRESETS } from './presets.ts';
import { hasOwnBaseline, initialState, sourceFile, type ScenarioState } from './scenario-state.ts';

/** At most this many scenarios side by side. */
export const MAX_SCENARIOS = 3;

/** Uncertainty runs the page offers; the scenario file's own number is used when the URL has none. */
export const RUN_CHOICES = [1000, 2000, 10000] as const;

/** Everything the page shows, as read from the URL. */
export interface PageState {
  readonly states: readonly ScenarioState[];
  /** Index of the scenario whose sliders and charts are shown. */
  readonly active: number;
  /** Number of uncertainty runs chosen on the page, or undefined for each file's own. */
  readonly runs?: number;
}

/** What decoding a URL gave: the usable state and one Swedish line per part that was skipped. */
export interface DecodedState extends PageState {
  readonly issues: readonly string[];
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The default view: the bas scenario alone. */
export function defaultState(): PageState {
  return { states: [initialState({ kind: 'preset', id: DEFAULT_PRESET })], active: 0 };
}

function encodeScenario(state: ScenarioState): string {
  const source = state.source.kind === 'preset' ? state.source.id : `fil.${toBase64Url(JSON.stringify(state.source.file))}`;
  const parts = [source, ...Object.entries(state.overrides).map(([k, v]) => `${k}_${v}`)];
  // `cal` only where it changes something: a file that calibrates itself needs no flag.
  if (state.calibrate && hasOwnBaseline(state.source)) parts.push('cal');
  return parts.join('*');
}

/** URL parameters for a page state (only what differs from the defaults). */
export function encodeState(page: PageState): URLSearchParams {
  const params = new URLSearchParams();
  for (const state of page.states) params.append('s', encodeScenario(state));
  if (page.active > 0) params.set('v', String(page.active));
  if (page.runs !== undefined) params.set('n', String(page.runs));
  return params;
}

function decodeScenario(text: string, where: string, issues: string[]): ScenarioState | null {
  const [head = '', ...parts] = text.split('*');
  let source: ScenarioState['source'];
  if (head.startsWith('fil.')) {
    let json: unknown;
    try {
      json = JSON.parse(fromBase64Url(head.slice(4)));
    } catch {
      issues.push(`${where}: den inbäddade scenariofilen är skadad`);
      return null;
    }
    const checked = checkScenarioFile(json);
    if (!checked.ok) {
      issues.push(...checked.issues.map((issue) => `${where}: ${issue}`));
      return null;
    }
    source = { kind: 'upload', file: checked.file };
  } else if (findPreset(head)) {
    source = { kind: 'preset', id: head };
  } else {
    issues.push(`${where}: okänt scenario "${head}" (välj ${PRESETS.map((p) => p.id).join(', ')})`);
    return null;
  }
  const overrides: Record<string, number> = {};
  const file = sourceFile(source);
  let calibrate = file.baseline.calibrate;
  for (const part of parts) {
    if (part === 'cal') {
      calibrate = true;
      continue;
    }
    const cut = part.indexOf('_');
    const key = cut < 0 ? part : part.slice(0, cut);
    const assumption = findAssumption(key);
    if (!assumption) {
      issues.push(`${where}: okänd inställning "${key}"`);
      continue;
    }
    const value = Number(part.slice(cut + 1));
    const [min, max] = [assumption.min(file), assumption.max(file)];
    if (cut < 0 || part.slice(cut + 1) === '' || !Number.isFinite(value)) {
      issues.push(`${where}: ${assumption.label} (${key}) ska vara ett tal`);
    } else if (value < min || value > max) {
      issues.push(`${where}: ${assumption.label} (${key}) = ${value} ligger utanför ${min}–${max}`);
    } else {
      overrides[key] = roundToStep(value, assumption.step);
    }
  }
  return { source, overrides, calibrate };
}

/** Reads the page state from URL parameters; unusable parts are listed in `issues` and left out. */
export function decodeState(params: URLSearchParams): DecodedState {
  const issues: string[] = [];
  const all = params.getAll('s');
  if (all.length > MAX_SCENARIOS) issues.push(`Länken: högst ${MAX_SCENARIOS} scenarier visas, de övriga hoppas över`);
  const states = all
    .slice(0, MAX_SCENARIOS)
    .map((text, i) => decodeScenario(text, `Länken, scenario ${i + 1}`, issues))
    .filter((s): s is ScenarioState => s !== null);
  const fallback = defaultState();
  const usable = states.length ? states : fallback.states;
  let active = 0;
  const v = params.get('v');
  if (v !== null) {
    const index = Number(v);
    if (Number.isInteger(index) && index >= 0 && index < usable.length) active = index;
    else issues.push(`Länken: v = ${v} pekar inte på något av de ${usable.length} scenarierna`);
  }
  let runs: number | undefined;
  const n = params.get('n');
  if (n !== null) {
    const value = Number(n);
    if ((RUN_CHOICES as readonly number[]).includes(value)) runs = value;
    else issues.push(`Länken: n = ${n} ska vara ett av ${RUN_CHOICES.join(', ')} (antal osäkerhetskörningar)`);
  }
  return { states: usable, active, ...(runs !== undefined ? { runs } : {}), issues };
}
