import type { StepRecord } from '../../pipeline/math/step-record.js';

/** Which tensors of each step become points. */
export type TrajectoryKind = 'latent' | 'prediction';

/** Where one row of the stacked matrix came from. */
export interface RowOrigin {
  readonly run: number;
  /** Step index; for latents, `totalSteps` marks the final latent (after the last step). */
  readonly step: number;
  readonly kind: TrajectoryKind;
}

/** Every run's points stacked as one row-major matrix, so one projection is fitted on all. */
export interface TrajectoryRows {
  readonly rows: Float32Array;
  readonly dimensions: number;
  readonly origins: readonly RowOrigin[];
}

/**
 * Stacks the latents x_t of every step plus the final latent (the path from noise to image)
 * and, when asked, every step's x̂₀, for every run. All runs must share one latent shape.
 */
export function trajectoryRows(runs: readonly (readonly StepRecord[])[], kinds: readonly TrajectoryKind[]): TrajectoryRows {
  const dimensions = runs[0]?.[0]?.latentIn.data.length ?? 0;
  const parts: Float32Array[] = [];
  const origins: RowOrigin[] = [];
  runs.forEach((records, run) => {
    for (const record of records) {
      if (record.latentIn.data.length !== dimensions) throw new RangeError('trajectoryRows: runs have different latent shapes');
      if (kinds.includes('latent')) {
        parts.push(record.latentIn.data);
        origins.push({ run, step: record.index, kind: 'latent' });
      }
      if (kinds.includes('prediction')) {
        parts.push(record.predictedOriginal.data);
        origins.push({ run, step: record.index, kind: 'prediction' });
      }
    }
    const last = records.at(-1);
    if (last && kinds.includes('latent')) {
      parts.push(last.latentOut.data);
      origins.push({ run, step: last.index + 1, kind: 'latent' });
    }
  });
  const rows = new Float32Array(parts.length * dimensions);
  parts.forEach((part, i) => rows.set(part, i * dimensions));
  return { rows, dimensions, origins };
}

/** Scales each row to unit length, as the UMAP worker's cosine metric expects. */
export function unitRows(rows: Float32Array, dimensions: number): Float32Array {
  const out = new Float32Array(rows.length);
  for (let start = 0; start < rows.length; start += dimensions) {
    let norm = 0;
    for (let i = start; i < start + dimensions; i++) norm += rows[i]! * rows[i]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = start; i < start + dimensions; i++) out[i] = rows[i]! * scale;
  }
  return out;
}
