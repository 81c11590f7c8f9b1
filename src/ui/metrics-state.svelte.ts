import type { Connector } from '../engine/connector.ts';
import { prepareMetrics, type MetricsModel } from '../metrics/index.ts';

/**
 * The prepared metrics model (derived tables `hm` and `perioder`) shared by every page.
 * Changing G or W re-derives the tables once; pages re-query when `model` changes.
 */
export class MetricsState {
  model = $state.raw<MetricsModel>() as MetricsModel;
  preparing = $state(false);
  error = $state<string | null>(null);
  private generation = 0;

  constructor(
    private readonly db: Connector,
    initial: MetricsModel,
  ) {
    this.model = initial;
  }

  /** Re-derives the tables for new G/W; a no-op when they are unchanged. */
  async setParameters(gap: number, window: number): Promise<void> {
    if (gap === this.model.gap && window === this.model.window) return;
    const mine = ++this.generation;
    this.preparing = true;
    try {
      const model = await prepareMetrics(this.db, { gap, window });
      // A later change wins: its tables were derived after ours.
      if (mine !== this.generation) return;
      this.model = model;
      this.error = null;
    } catch (error) {
      if (mine === this.generation) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (mine === this.generation) this.preparing = false;
    }
  }
}
