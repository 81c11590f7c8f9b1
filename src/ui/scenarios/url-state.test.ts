import { describe, expect, it } from 'vitest';
import { findPreset } from './presets.ts';
import { decodeState, encodeState, type PageState } from './url-state.ts';

const params = (query: string) => new URLSearchParams(query);

describe('encodeState(page) / decodeState(params)', () => {
  it('writes only the source and the moved assumptions', () => {
    const page: PageState = {
      states: [
        { source: { kind: 'preset', id: 'bas' }, overrides: { ds: 0.9, dr: 1 }, calibrate: true },
        { source: { kind: 'preset', id: 'exempel-4' }, overrides: {}, calibrate: true },
      ],
      active: 1,
      runs: 10000,
    };
    const encoded = encodeState(page);
    expect(encoded.toString()).toBe('s=bas*ds_0.9*dr_1&s=exempel-4*cal&v=1&n=10000');
    expect(decodeState(encoded)).toEqual({ ...page, issues: [] });
  });

  it('round-trips an uploaded file inside the link, with non-ASCII text', () => {
    const file = { ...findPreset('ambitios')!.file, name: 'Vår kommun – test' };
    const page: PageState = { states: [{ source: { kind: 'upload', file }, overrides: { ts: 0.5 }, calibrate: true }], active: 0 };
    const encoded = encodeState(page);
    expect(encoded.get('s')).toMatch(/^fil\.[A-Za-z0-9_-]+\*ts_0\.5$/);
    expect(decodeState(encoded)).toEqual({ ...page, issues: [] });
  });

  it('reads the reinvested share (ri) from a link', () => {
    const decoded = decodeState(params('s=ambitios*ri_0.3'));
    expect(decoded.issues).toEqual([]);
    expect(decoded.states[0]!.overrides).toEqual({ ri: 0.3 });
  });

  it('reads the staff cost reduction (sr) and the target share (tg) from a link and writes them back', () => {
    const decoded = decodeState(params('s=bas*sr_0.5*tg_0.4'));
    expect(decoded.issues).toEqual([]);
    expect(decoded.states[0]!.overrides).toEqual({ sr: 0.5, tg: 0.4 });
    expect(encodeState(decoded).toString()).toBe('s=bas*sr_0.5*tg_0.4');
  });

  it('flags "cal" only for a file with its own baseline (a worked example), and reads it back', () => {
    const example: PageState = { states: [{ source: { kind: 'preset', id: 'exempel-1' }, overrides: {}, calibrate: true }], active: 0 };
    expect(encodeState(example).toString()).toBe('s=exempel-1*cal');
    expect(decodeState(params('s=exempel-1*cal')).states[0]!.calibrate).toBe(true);
    // Without the flag the example keeps the seed municipality's 151 households.
    expect(decodeState(params('s=exempel-1')).states[0]!.calibrate).toBe(false);
  });

  it('gives the bas scenario, calibrated from data, for an empty link', () => {
    const decoded = decodeState(params(''));
    expect(decoded.states).toEqual([{ source: { kind: 'preset', id: 'bas' }, overrides: {}, calibrate: true }]);
    expect(decoded.active).toBe(0);
    expect(decoded.issues).toEqual([]);
  });

  it.each([
    ['s=okand', /scenario 1: okänt scenario "okand" \(välj forsiktig, bas, ambitios, exempel-1/],
    ['s=bas*sr_2', /Andel av frigjord tid som tas bort ur personalkostnaden \(sr\) = 2 ligger utanför 0–1/],
    ['s=bas*zz_1', /scenario 1: okänd inställning "zz"/],
    ['s=bas*ds_abc', /Andel ansökningar via e-tjänsten \(ds\) ska vara ett tal/],
    ['s=bas*ds_1.4', /\(ds\) = 1\.4 ligger utanför 0–1/],
    ['s=bas*ri_1.5', /Andel av frigjord tid som används till aktivt arbete \(ri\) = 1\.5 ligger utanför 0–1/],
    ['s=bas&v=5', /v = 5 pekar inte på något av de 1 scenarierna/],
    ['s=bas&n=7', /n = 7 ska vara ett av 1000, 2000, 10000/],
    ['s=fil.%%%', /den inbäddade scenariofilen är skadad/],
    ['s=bas&s=bas&s=bas&s=bas', /högst 3 scenarier/],
  ])('reports a broken link part (%s) in Swedish and keeps the rest', (query, message) => {
    const decoded = decodeState(params(query));
    expect(decoded.issues.join('\n')).toMatch(message);
    expect(decoded.states.length).toBeGreaterThanOrEqual(1);
    expect(decoded.states.length).toBeLessThanOrEqual(3);
  });

  it('names the field of an invalid embedded file', () => {
    const file = { ...findPreset('bas')!.file, months: 500 };
    const link = encodeState({ states: [{ source: { kind: 'upload', file }, overrides: {}, calibrate: false }], active: 0 });
    const decoded = decodeState(params(`${link}&s=forsiktig`));
    expect(decoded.issues).toEqual(['Länken, scenario 1: months: 500 ligger utanför tillåtet intervall 1–120']);
    expect(decoded.states).toEqual([{ source: { kind: 'preset', id: 'forsiktig' }, overrides: {}, calibrate: true }]);
  });
});
