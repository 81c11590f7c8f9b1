/**
 * The scenarios a politician starts from (scenarios/*.json), bundled into the page and validated
 * with the engine's schema once, so a broken file fails loudly at start-up. The ready scenarios take
 * their baseline from the loaded data; the worked examples keep the seed municipalities' own figures.
 */
import { parseScenarioFile, type ScenarioFile } from '../../simulation/index.ts';
import forsiktig from '../../../scenarios/forsiktig.json';
import bas from '../../../scenarios/bas.json';
import ambitios from '../../../scenarios/ambitios.json';
import exempel1 from '../../../scenarios/exempel-1-tidsbesparing.json';
import exempel4 from '../../../scenarios/exempel-4-farre-hushall.json';
import exempel5 from '../../../scenarios/exempel-5-kortare-bidragstid.json';
import exempel6 from '../../../scenarios/exempel-6-e-tjanst-och-manuell.json';

/** A built-in scenario: its URL id, its Swedish name and its validated file. */
export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly file: ScenarioFile;
  /** A worked example with a seed municipality's fixed figures, not a scenario for the loaded data. */
  readonly example: boolean;
}

const ready = (id: string, title: string, json: unknown): Preset => ({ id, title, file: parseScenarioFile(json), example: false });
const example = (id: string, title: string, json: unknown): Preset => ({ id, title, file: parseScenarioFile(json), example: true });

/** The built-in scenarios: the ready ones cautious to ambitious, then the worked examples. */
export const PRESETS: readonly Preset[] = [
  ready('forsiktig', 'Försiktig', forsiktig),
  ready('bas', 'Bas', bas),
  ready('ambitios', 'Ambitiös', ambitios),
  example('exempel-1', 'Exempel 1: tidsbesparing', exempel1),
  example('exempel-4', 'Exempel 4: färre hushåll', exempel4),
  example('exempel-5', 'Exempel 5: kortare bidragstid', exempel5),
  example('exempel-6', 'Exempel 6: storstad, e-tjänst och manuellt', exempel6),
];

/** The scenario shown when the URL names none. */
export const DEFAULT_PRESET = 'bas';

/** The preset with `id`, if any. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
