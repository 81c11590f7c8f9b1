import { describe, expect, it } from 'vitest';
import { parseHash, toHash } from './route.ts';

describe('parseHash(hash) / toHash(page, params)', () => {
  it.each([
    ['', 'oversikt', ''],
    ['#/', 'oversikt', ''],
    ['#/nyckeltal?from=2024-01&to=2024-12', 'nyckeltal', 'from=2024-01&to=2024-12'],
    ['#/anteckningar/manadsrapport?enhet=Norr', 'anteckningar/manadsrapport', 'enhet=Norr'],
  ])('%s is page %s with %s', (hash, page, query) => {
    const route = parseHash(hash);
    expect(route.page).toBe(page);
    expect(route.params.toString()).toBe(query);
  });

  it('sorts parameters so one view has one URL, and round-trips Swedish values', () => {
    const hash = toHash('nyckeltal', { to: '2024-12', enhet: 'Söder', from: '2024-01' });
    expect(hash).toBe('#/nyckeltal?enhet=S%C3%B6der&from=2024-01&to=2024-12');
    expect(parseHash(hash).params.get('enhet')).toBe('Söder');
  });
});
