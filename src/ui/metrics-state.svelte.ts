import type { Connector } from '../engine/connector.ts';
import { prepareMetrics, publishModel, type MetricsModel } from '../metrics/index.ts';

/**
 * The prepared metrics model shared by every page. Each G has its own derived tables (named by G,
 * see prepareMetrics), so a model stays valid while another is prepared; models already prepared
 * for this data are reused when G returns to a value seen before. The current model's tables are
 * also shown as `hm` and `perioder` for notebook SQL cells (publishModel).
 */
export class MetricsState {
  model = $state.raw<MetricsModel>() as MetricsModel;
  preparing = $state(false);
  error = $state<string | null>(null);
  private generation = 0;
  /** Models prepared for this data, by G (W only changes queries, not tables). */
  private readonly byGap: Record<number, MetricsModel> = {};

  constructor(
    private readonly db: Connector,
    initial: MetricsModel,
  ) {
    this.model = initial;
    this.byGap[initial.gap] = initial;
  }

  /** Switches to G/W, deriving the tables for a G not seen before; a no-op when they are unchanged. */
  async setParameters(gap: number, window: number): Promise<void> {
    if (gap === this.model.gap && window === this.model.window) return;
    const mine = ++this.generation;
    this.preparing = true;
    try {
      let prepared = this.byGap[gap];
      if (!prepared) {
        prepared = await prepareMetrics(this.db, { gap, window });
        this.byGap[gap] = prepared;
      }
      const model = prepared.window === window ? prepared : { ...prepared, window };
      // A later change wins: only the latest request becomes the current model.
      if (mine !== this.generation) return;
      await publishModel(this.db, model);
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
