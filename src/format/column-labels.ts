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
  adults: 'Vuxna',
  persons: 'Personer (vuxna och barn)',
  households_with_children: 'Hushåll med barn',
  benefit_months_per_household: 'Biståndsmånader per hushåll',
  household_share: 'Andel av aktiva hushåll',
  months: 'Månader',
  years: 'År',
  new_periods: 'Påbörjade perioder',
  returning_periods: 'Varav återkommande',
  inflow_months: 'Månader med observerbart inflöde',
  outflow_months: 'Månader med observerbart utflöde',
  exits: 'Avslut',
  ended_periods: 'Avslutade perioder',
  mean_months: 'Bidragstid per period, medel (mån)',
  median_months: 'Bidragstid per period, median (mån)',
  mean_paid_months: 'Biståndsmånader per period, medel',
  running_at_start: 'Avslut som pågick vid datastart (ej med)',
  followed_up: 'Avslut med full uppföljning',
  reactivated: 'Återaktualiserade',
  reactivation_rate: 'Andel återaktualiserade',
  not_reactivated_rate: 'Andel ej återaktualiserade',
  long_term: 'Långvarigt',
  long_term_share: 'Andel långvarigt',
  long_term_adults: 'Vuxna med långvarigt bistånd',
  long_term_adult_share: 'Andel långvarigt, vuxna',
  very_long_term: 'Mycket långvarigt',
  very_long_term_share: 'Andel mycket långvarigt',
  observed_months: 'Månader som kan avgöras',
};

/** The Swedish label of a result column, or the column's own name. */
export function columnLabel(column: string): string {
  return LABELS[column] ?? column;
}
