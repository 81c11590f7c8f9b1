/**
 * The ready scenarios a politician starts from (scenarios/*.json), bundled into the page and
 * validated with the engine's schema once, so a broken file fails loudly at start-up.
 */
import { parseScenarioFile, type ScenarioFile } from '../../simulation/index.ts';
import forsiktig from '../../../scenarios/forsiktig.json';
import bas from '../../../scenarios/bas.json';
import ambitios from '../../../scenarios/ambitios.json';

/** A built-in scenario: its URL id, its Swedish name and its validated file. */
export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly file: ScenarioFile;
}

/** The built-in scenarios, cautious to ambitious. */
export const PRESETS: readonly Preset[] = [
  { id: 'forsiktig', title: 'Försiktig', file: parseScenarioFile(forsiktig) },
  { id: 'bas', title: 'Bas', file: parseScenarioFile(bas) },
  { id: 'ambitios', title: 'Ambitiös', file: parseScenarioFile(ambitios) },
];

/** The scenario shown when the URL names none. */
export const DEFAULT_PRESET = 'bas';

/** The preset with `id`, if any. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
