/**
 * The page's side of the simulation worker. Requests are coalesced per scenario slot: while the
 * worker is busy only the newest request of each slot waits, so dragging a slider never queues up
 * stale Monte-Carlo runs.
 */
import type { Scenario } from '../../simulation/index.ts';
import type { UncertaintyRequest, UncertaintyResponse } from './worker-protocol.ts';

/** The latest answer for a slot and the scenario key it was computed for. */
export interface SlotUncertainty {
  key: string;
  response: UncertaintyResponse;
}

/** Runs uncertainty analyses in a Web Worker, newest request per slot first. */
export class UncertaintyRunner {
  /** Latest answer per slot (index = scenario slot on the page). */
  slots = $state.raw<(SlotUncertainty | undefined)[]>([]);
  /** Keys being computed or waiting, per slot. */
  pendingKeys = $state.raw<(string | undefined)[]>([]);
  private readonly worker: Worker;
  private nextId = 1;
  private inFlight: { id: number; slot: number; key: string } | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- internal queue; the page reads `pendingKeys`
  private readonly waiting = new Map<number, { key: string; scenario: Scenario }>();

  constructor() {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- Vite's worker-bundling pattern, not state
    this.worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<UncertaintyResponse>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      const sent = this.inFlight;
      this.inFlight = null;
      if (sent) this.store(sent.slot, sent.key, { id: sent.id, ok: false, message: event.message || 'Beräkningstråden stannade' });
      this.sendNext();
    };
  }

  /** Asks for the analysis of `scenario` in `slot`; nothing happens if that key is done or under way. */
  request(slot: number, key: string, scenario: Scenario): void {
    if (this.slots[slot]?.key === key || this.pendingKeys[slot] === key) return;
    this.waiting.set(slot, { key, scenario });
    this.setPending(slot, key);
    this.sendNext();
  }

  /** Forgets slots from `count` on (a scenario was removed). */
  truncate(count: number): void {
    for (const slot of this.waiting.keys()) if (slot >= count) this.waiting.delete(slot);
    this.slots = this.slots.slice(0, count);
    this.pendingKeys = this.pendingKeys.slice(0, count);
  }

  /** Stops the worker (the page was left). */
  dispose(): void {
    this.worker.terminate();
  }

  private sendNext(): void {
    if (this.inFlight) return;
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [slot, { key, scenario }] = next.value;
    this.waiting.delete(slot);
    const id = this.nextId++;
    this.inFlight = { id, slot, key };
    const message: UncertaintyRequest = { id, scenario };
    this.worker.postMessage(message);
  }

  private receive(response: UncertaintyResponse): void {
    const sent = this.inFlight;
    this.inFlight = null;
    if (sent && sent.id === response.id) this.store(sent.slot, sent.key, response);
    this.sendNext();
  }

  private store(slot: number, key: string, response: UncertaintyResponse): void {
    const slots = [...this.slots];
    slots[slot] = { key, response };
    this.slots = slots;
    if (this.pendingKeys[slot] === key && !this.waiting.has(slot)) this.setPending(slot, undefined);
  }

  private setPending(slot: number, key: string | undefined): void {
    const pending = [...this.pendingKeys];
    pending[slot] = key;
    this.pendingKeys = pending;
  }
}
