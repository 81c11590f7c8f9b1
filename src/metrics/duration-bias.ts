/**
 * When a year's bidragstid is comparable. Bidragstid is taken over ended periods that started after
 * the data did (a period running at data start has an unknown start). A period ending in month e can
 * then be at most e − (first + G) + 1 months long, so in the first years of a data set only short
 * periods can be seen to end and the mean is too low (on the bundled sample 2,6 months in 2018 against
 * ≈ 10 from 2023). The rule, stated in docs/metrics.md: a month's ends are comparable when a period
 * ending then could have lasted at least 48 months inside the data (four years: every mycket
 * långvarig period of 36 months, with a year to spare); a year is comparable from its first month.
 */
import type { MetricsModel } from './types.ts';

/** The longest period, in months, that must be observable for bidragstid to be comparable. */
export const COMPARABLE_DURATION_MONTHS = 48;

/** First month index whose ended periods could have been COMPARABLE_DURATION_MONTHS long: first + G + 47. */
export function comparableDurationFrom(model: MetricsModel): number {
  return model.firstMonth + model.gap + COMPARABLE_DURATION_MONTHS - 1;
}

/** True when bidragstid over ends from `fromMonth` on is shortened by the start of the data. */
export function isDurationBiased(model: MetricsModel, fromMonth: number): boolean {
  return fromMonth < comparableDurationFrom(model);
}

/** The longest period that can be seen to end in `month` (month index): month − (first + G) + 1. */
export function longestObservablePeriod(model: MetricsModel, month: number): number {
  return Math.max(0, month - (model.firstMonth + model.gap) + 1);
}
