/**
 * Messages between the Egna data page and its import worker. Plain, structured-cloneable data. No
 * message from the worker carries a value of a column the personal-data guard flagged: the preview
 * masks them and the rejected rows name only row, column and reason.
 */
import type { SensitiveColumn } from '../../import/guard.ts';
import type { MappingFile } from '../../import/mapping.ts';
import type { RejectedRow, Totals } from '../../import/validate.ts';
import type { ContractColumnName } from '../../import/contract.ts';

/** Read and scan a file the user chose. */
export interface ReadRequest {
  type: 'read';
  file: File;
}

/** Validate the read file with the user's mapping and choices, and build the Arrow data. */
export interface ImportRequest {
  type: 'import';
  mapping: MappingFile;
  drop: string[];
  /** The column to pseudonymise into hushall_id, with the key file's JSON text (kept locally). */
  pseudonymise?: { column: string; keyFile: string };
}

export type WorkerRequest = ReadRequest | ImportRequest;

/** The file as read: its columns, a masked preview, the guard's findings and suggested mapping. */
export interface ReadResult {
  type: 'read';
  fileName: string;
  format: string;
  /** e.g. "utf-8 med BOM, semikolon", for the summary. */
  how: string;
  header: string[];
  rowCount: number;
  /** The first rows, cell by cell; cells of flagged columns are replaced by a mask. */
  preview: string[][];
  findings: SensitiveColumn[];
  /** Contract column → file column name, as the core suggests it. */
  suggested: Partial<Record<ContractColumnName, string>>;
  /** Distinct values (at most 40) of each unflagged file column that has that few, for value mapping. */
  distinct: Record<string, string[]>;
  ms: number;
}

/** The validated import, with its Arrow IPC stream (transferred, not copied). */
export interface ImportResultMessage {
  type: 'imported';
  rowCount: number;
  rejectedCount: number;
  /** The first refused rows (row, column, reason), never values. */
  rejected: RejectedRow[];
  fileTotals: Totals & { unreadableAmounts: number };
  importedTotals: Totals;
  notices: string[];
  firstMonth: string;
  lastMonth: string;
  ipc: Uint8Array;
  ms: number;
}

/** A stage of the work and how far it has come (0–1 over the whole task). */
export interface Progress {
  type: 'progress';
  stage: string;
  fraction: number;
}

/** A refusal: one Swedish sentence without file values; `findings` when the guard refused. */
export interface Failure {
  type: 'error';
  message: string;
  findings?: SensitiveColumn[];
}

export type WorkerResponse = ReadResult | ImportResultMessage | Progress | Failure;

/** Shown instead of a flagged column's values in the preview. */
export const MASK = '•••';
