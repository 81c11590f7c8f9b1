/**
 * Sensitivity results (src/simulation) as tornado bars in plain Swedish: each input value shown in
 * its own unit (percent, kronor, months, hours) next to the assumption's name.
 */
import type { SensitivityItem } from '../../simulation/index.ts';
import type { TornadoItem } from '../../charts/TornadoChart.svelte';
import { formatKr, formatNumber, formatPercent } from '../../format/sv.ts';

/** The input value of a field path in its unit: `74 %`, `300 000 kr`, `0,5 mån`, `3 tim`. */
export function formatInput(path: string, value: number): string {
  if (/digitalShare|manualShare|ramp\.\d+\.1$|hazard/.test(path)) return formatPercent(value);
  if (/Kr(\.|$)/.test(path)) return formatKr(value);
  if (/Months|startMonth|months$/.test(path)) return `${formatNumber(value, Number.isInteger(value) ? 0 : 2)} mån`;
  if (path.endsWith('hoursPerCase')) return `${formatNumber(value, Number.isInteger(value) ? 0 : 2)} tim`;
  return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/** A fee's label names the fee, since several fees share one field description. */
function label(item: SensitivityItem): string {
  const fee = /^automation\.feesPerCaseKr\.(.+)$/.exec(item.path);
  return fee ? `Avgift: ${fee[1]!.replace(/_/g, ' ')}` : item.label;
}

/** The `limit` bars with the largest swing (the engine returns them largest first). */
export function toTornadoItems(items: readonly SensitivityItem[], limit = 8): TornadoItem[] {
  return items.slice(0, limit).map((item) => ({
    label: label(item),
    lowInput: formatInput(item.path, item.low),
    highInput: formatInput(item.path, item.high),
    lowValue: item.lowValue,
    highValue: item.highValue,
  }));
}
