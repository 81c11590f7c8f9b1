import { describe, expect, it } from 'vitest';
import { parseReportArgs, ReportArgsError } from './report-args.ts';

describe('parseReportArgs(argv)', () => {
  it('puts --set values into the notebook link in the URL encoding', () => {
    const args = parseReportArgs(['manadsrapport', '--format', 'pdf', '--out', 'r.pdf', '--set', 'enhet=Söder', '--set', 'period=2023-03..2023-09', '--set', 'hushallstyp=A', '--set', 'hushallstyp=B']);
    expect(args.format).toBe('pdf');
    expect(new URLSearchParams(args.query).getAll('hushallstyp')).toEqual(['A', 'B']);
    expect(new URLSearchParams(args.query).get('enhet')).toBe('Söder');
    expect(new URLSearchParams(args.query).get('period')).toBe('2023-03..2023-09');
    // enhet and hushallstyp take their choices from the data: the browser checks them.
    expect([...args.fromData]).toEqual([['enhet', ['Söder']], ['hushallstyp', ['A', 'B']]]);
  });

  it.each([
    [['manadsrapport', '--format', 'pdf'], /^Ange --out <fil>\./],
    [['--format', 'pdf', '--out', 'x'], /^Ange en anteckningsbok: delarsbokslut, manadsrapport, scenarier\./],
    [['manadsrapport', '--format', 'pdf', '--out', 'x', '--set', 'period=2023-09..2023-03'], /^Otillåtet värde för period: "2023-09..2023-03"/],
    [['manadsrapport', '--format', 'pdf', '--out', 'x', '--set', 'enhet'], /^Okänd inmatning i --set enhet:/],
    [['manadsrapport', '--format', 'pdf', '--out', 'x', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j in one line', (argv, message) => {
    expect(() => parseReportArgs(argv)).toThrow(ReportArgsError);
    expect(() => parseReportArgs(argv)).toThrow(message);
  });
});
