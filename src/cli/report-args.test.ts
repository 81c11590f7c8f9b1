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

  it('puts --troskel N into the link as skydd=N, and leaves the default 5 out', () => {
    const ten = parseReportArgs(['manadsrapport', '--format', 'pptx', '--out', 'r.pptx', '--set', 'enhet=Femman', '--troskel', '10']);
    expect(ten.threshold).toBe(10);
    expect(ten.query).toBe('enhet=Femman&skydd=10');
    const plain = parseReportArgs(['manadsrapport', '--format', 'pptx', '--out', 'r.pptx', '--troskel', '5']);
    expect(plain.threshold).toBe(5);
    expect(plain.query).toBe('');
    expect(parseReportArgs(['manadsrapport', '--format', 'pptx', '--out', 'r.pptx']).threshold).toBe(5);
  });

  it.each(['1', '0', '-3', '4.5', 'tio', '101', ''])('refuses --troskel %j in one line', (value) => {
    const argv = ['manadsrapport', '--format', 'pptx', '--out', 'r.pptx', `--troskel=${value}`];
    expect(() => parseReportArgs(argv)).toThrow(ReportArgsError);
    expect(() => parseReportArgs(argv)).toThrow(`Otillåtet värde för --troskel: "${value}" (tillåtet: ett heltal 2–100; 5 om det utelämnas).`);
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
