import { describe, expect, it } from 'vitest';
import { findPreset } from './presets.ts';
import { readScenarioText, scenarioFileName, scenarioJson } from './file-io.ts';

describe('readScenarioText(text, fileName)', () => {
  it('accepts a file it wrote itself', () => {
    const file = findPreset('bas')!.file;
    expect(readScenarioText(scenarioJson(file), 'bas.json')).toEqual({ ok: true, file });
  });

  it.each([
    ['{ "name": ', /^x\.json: filen är inte giltig JSON \(/],
    ['{"name":"x","start":"2026-13","months":60,"baseline":{"households":1,"paymentPerHouseholdKr":1,"meanDurationMonths":2},"handling":{"hoursPerCase":3,"costPerFteMonthKr":1}}', /^start: ska vara en månad på formen ÅÅÅÅ-MM/],
    ['{"name":"x","start":"2026-01","months":60,"baseline":{"households":1,"paymentPerHouseholdKr":1,"meanDurationMonths":2},"handling":{"hoursPerCase":3,"costPerFteMonthKr":1},"automation":{"digitalShare":1.4}}', /^automation\.digitalShare: 1,4 ligger utanför tillåtet intervall 0–1$/],
    ['{"name":"x","start":"2026-01","months":60,"baseline":{"households":1,"paymentPerHouseholdKr":1,"meanDurationMonths":2},"handling":{"hoursPerCase":3,"costPerFteMonthKr":1},"extra":1}', /^extra: okänt fält$/],
  ])('%#: names what is wrong and where', (text, message) => {
    const read = readScenarioText(text, 'x.json');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.issues[0]).toMatch(message);
  });
});

describe('scenarioFileName(name)', () => {
  it.each([
    ['Bas', 'scenario-bas.json'],
    ['Ambitiös (ändrat)', 'scenario-ambitios-andrat.json'],
    ['!!!', 'scenario-namnlost.json'],
  ])('%s → %s', (name, expected) => expect(scenarioFileName(name)).toBe(expected));
});
