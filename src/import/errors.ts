/**
 * A file the import refuses as a whole. The message is one Swedish sentence meant for the user; it
 * never contains a value read from the file (a value could be a personnummer), only positions,
 * column names and counts.
 */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: ImportErrorCode,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Why a file was refused, for callers that react differently (e.g. offer pseudonymisation). */
export type ImportErrorCode =
  | 'empty'
  | 'binary'
  | 'unsupported'
  | 'broken'
  | 'missing-column'
  | 'mapping'
  | 'sensitive'
  | 'no-valid-rows'
  | 'too-large';
