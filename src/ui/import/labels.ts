import type { ContractColumnName } from '../../import/contract.ts';

/** Swedish names of the contract's columns, as the page shows them (never the SQL names). */
export const COLUMN_LABELS: Record<ContractColumnName, string> = {
  hushall_id: 'Hushålls-id',
  manad: 'Månad',
  utbetalt_kr: 'Utbetalt (kr)',
  forsorjningsstod_kr: 'Varav försörjningsstöd (kr)',
  hushallstyp: 'Hushållstyp',
  antal_vuxna: 'Antal vuxna',
  antal_barn: 'Antal barn',
  forsorjningshinder: 'Försörjningshinder',
  enhet: 'Enhet',
  kanal: 'Ansökningskanal',
  handlingsplan: 'Handlingsplan',
};

/** Contract columns whose values a municipality codes its own way, so the page offers a value mapping. */
export const VALUE_MAPPED = ['hushallstyp', 'kanal', 'forsorjningshinder', 'enhet'] as const satisfies readonly ContractColumnName[];

/** Label for a problem's column ("(raden)" is the whole row). */
export function problemColumnLabel(column: ContractColumnName | '(raden)'): string {
  return column === '(raden)' ? 'hela raden' : COLUMN_LABELS[column];
}
