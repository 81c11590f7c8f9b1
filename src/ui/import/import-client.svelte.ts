/**
 * The page's side of the import worker: one worker per file, a progress state for the bar, and
 * cancel = terminate (the worker holds the only copy of the read file, so nothing lingers).
 */
import type { ImportRequest, ImportResultMessage, ReadResult, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { SensitiveColumn } from '../../import/guard.ts';

/** A refusal from the worker, with the guard's findings when that is why. */
export class ImportRefusal extends Error {
  constructor(
    message: string,
    readonly findings: SensitiveColumn[] = [],
  ) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

/** Thrown to a waiting caller when the user pressed Avbryt. */
export class ImportCancelled extends Error {}

export class ImportClient {
  busy = $state(false);
  stage = $state('');
  fraction = $state(0);
  private worker: Worker | null = null;
  private pending: { resolve: (m: WorkerResponse) => void; reject: (e: Error) => void } | null = null;

  /** Reads a file in a fresh worker (a previous file's worker is ended). */
  async read(file: File): Promise<ReadResult> {
    this.dispose();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- Vite's worker-bundling pattern, not state
    this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.receive(event.data);
    this.worker.onerror = () => this.finish(new ImportRefusal('Inläsningen avbröts av ett fel i webbläsaren.'));
    return (await this.send({ type: 'read', file })) as ReadResult;
  }

  /** Validates the read file with the user's choices. */
  async import(request: Omit<ImportRequest, 'type'>): Promise<ImportResultMessage> {
    if (!this.worker) throw new ImportRefusal('Välj en fil först.');
    return (await this.send({ type: 'import', ...request })) as ImportResultMessage;
  }

  /** Stops the work at once; the waiting call rejects with `ImportCancelled`. */
  cancel(): void {
    const pending = this.pending;
    this.dispose();
    pending?.reject(new ImportCancelled('Avbrutet'));
  }

  /** Ends the worker and forgets the read file. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending = null;
    this.busy = false;
    this.fraction = 0;
    this.stage = '';
  }

  private send(message: WorkerRequest): Promise<WorkerResponse> {
    this.busy = true;
    this.fraction = 0;
    this.stage = message.type === 'read' ? 'Öppnar filen …' : 'Förbereder kontrollen …';
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker!.postMessage(message);
    });
  }

  private receive(message: WorkerResponse): void {
    if (message.type === 'progress') {
      this.stage = message.stage;
      this.fraction = message.fraction;
      return;
    }
    if (message.type === 'error') this.finish(new ImportRefusal(message.message, message.findings));
    else this.finish(message);
  }

  private finish(result: WorkerResponse | Error): void {
    const pending = this.pending;
    this.pending = null;
    this.busy = false;
    this.fraction = result instanceof Error ? 0 : 1;
    if (!pending) return;
    if (result instanceof Error) pending.reject(result);
    else pending.resolve(result);
  }
}
