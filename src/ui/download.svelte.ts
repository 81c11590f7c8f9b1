/**
 * What every download button on the page shares: handing bytes to the browser as a file, and running a
 * writer with a busy state and a Swedish failure line (ExportButtons.svelte, notebooks/ReportActions.svelte).
 */

/** Saves `data` as a file called `name` through a temporary link. */
export function saveFile(data: Uint8Array | string | Blob, name: string, type: string): void {
  // A Uint8Array view may sit on a larger (or shared) buffer: copying it gives the Blob exactly its bytes.
  const part = data instanceof Uint8Array ? new Uint8Array(data) : data;
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has started once click() returns; the URL is kept a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** MIME types of the files the page writes. */
export const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  csv: 'text/csv;charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
} as const;

/** Runs one download at a time: `busy` names the file being made, `failure` says why the last one failed. */
export class DownloadRunner {
  busy = $state<string | null>(null);
  failure = $state<string | null>(null);

  /** Makes the file `what` (e.g. "Excel-filen"); an error becomes "<what> kunde inte skapas: …". */
  async run(what: string, make: () => Promise<void>): Promise<void> {
    this.busy = what;
    this.failure = null;
    try {
      await make();
    } catch (error) {
      this.failure = `${what} kunde inte skapas: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.busy = null;
    }
  }
}
