import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { decodeLatent } from '../../pipeline/run/latent-images.js';
import type { ComparisonCell } from './render/comparison-grid.js';

/** One cell of a comparison before it has any steps: what varies, and the prompt it draws. */
export interface CellPlan {
  readonly label: string;
  readonly prompt: string;
}

/** Where `LiveCells` sends what it collects. */
export interface LiveCellsSinks {
  /** The cells to show now (called on every change). */
  readonly publish: (cells: readonly ComparisonCell[]) => void;
  /** Each step as it arrives (the element emits it as `lx-step`). */
  readonly onRecord: (record: StepRecord) => void;
}

/**
 * The cells of a comparison being drawn live: every cell's steps so far and, at the end, its
 * decoded image, published as `ComparisonCell`s so the grid fills in as steps arrive.
 */
export class LiveCells {
  /** Every cell's steps so far, in plan order (the `lx-complete` detail's `runs`). */
  readonly runs: StepRecord[][];
  readonly #decoded: (RgbaImage | null)[];

  constructor(
    private readonly plan: readonly CellPlan[],
    private readonly sinks: LiveCellsSinks,
  ) {
    this.runs = plan.map(() => []);
    this.#decoded = plan.map(() => null);
    this.#publish();
  }

  /** Adds the next step of cell `index`. */
  add(index: number, record: StepRecord): void {
    this.runs[index]!.push(record);
    this.sinks.onRecord(record);
    this.#publish();
  }

  /** Decodes each cell's final latent with the VAE, checking `signal` between cells. */
  async decodeAll(model: DiffusionModel, signal: AbortSignal): Promise<void> {
    for (const [index, records] of this.runs.entries()) {
      const last = records.at(-1);
      if (last) this.#decoded[index] = await decodeLatent(model, last.latentOut);
      signal.throwIfAborted();
    }
    this.#publish();
  }

  #publish(): void {
    this.sinks.publish(this.plan.map((cell, i) => ({ label: cell.label, prompt: cell.prompt, records: [...this.runs[i]!], decoded: this.#decoded[i]! })));
  }
}
