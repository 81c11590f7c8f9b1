import { describe, expect, it } from 'vitest';
import { applyOverrides } from './scenario-overrides.ts';

describe('applyOverrides(scenario, overrides)', () => {
  const scenario = { namn: 'bas', automation: { tidsbesparing: 0.75, ramp: [[4, 0.4]] }, hushall: 151 };
  it('replaces values at dot paths in a copy', () => {
    const out = applyOverrides(scenario, { 'automation.tidsbesparing': 0.5, hushall: 200, 'automation.ny': true });
    expect(out).toEqual({ namn: 'bas', automation: { tidsbesparing: 0.5, ramp: [[4, 0.4]], ny: true }, hushall: 200 });
    expect(scenario.automation.tidsbesparing).toBe(0.75);
  });
  it('refuses a path through a missing object', () => {
    expect(() => applyOverrides(scenario, { 'saknas.x': 1 })).toThrow('Scenariot har ingen plats för "saknas.x".');
  });
});

describe('applyOverrides on a scenario file from scenarios/', () => {
  it('sets the example notebook’s ramp value through an array index path', async () => {
    const { readFile } = await import('node:fs/promises');
    const scenario = JSON.parse(await readFile(new URL('../../scenarios/exempel-1-tidsbesparing.json', import.meta.url), 'utf8'));
    const out = applyOverrides(scenario, { 'automation.ramp.0.1': 0.5 }) as { automation: { ramp: number[][] } };
    expect(out.automation.ramp).toEqual([[1, 0.5]]);
  });
});
