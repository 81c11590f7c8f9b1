/**
 * Swedish names for the metrics layer's result columns, so a chart legend or table heading never
 * shows an English column name. Columns not listed here (a user's own SQL) keep their own names.
 */
const LABELS: Record<string, string> = {
  grupp: 'Grupp',
  households: 'Hushåll',
  household_months: 'Hushållsmånader',
  avg_households: 'Hushåll (snitt per månad)',
  paid_kr: 'Utbetalt',
  fs_kr: 'Varav försörjningsstöd',
  paid_per_household: 'Utbetalt per hushåll',
  paid_per_household_month: 'Utbetalt per hushåll och månad',
  children: 'Barn',
  e_share: 'E-ansökningsandel',
  handlingsplan_share: 'Andel med handlingsplan',
  new_periods: 'Nya hushåll',
  exits: 'Avslut',
  ended_periods: 'Avslutade perioder',
  mean_months: 'Bidragstid, medel (mån)',
  median_months: 'Bidragstid, median (mån)',
  followed_up: 'Följda avslut',
  reactivated: 'Återaktualiserade',
  reactivation_rate: 'Andel återaktualiserade',
  not_reactivated_rate: 'Andel ej återaktualiserade',
  long_term: 'Långvarigt',
  long_term_share: 'Andel långvarigt',
  very_long_term: 'Mycket långvarigt',
  very_long_term_share: 'Andel mycket långvarigt',
};

/** The Swedish label of a result column, or the column's own name. */
export function columnLabel(column: string): string {
  return LABELS[column] ?? column;
}
