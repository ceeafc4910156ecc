import { numpyArange, numpyLinspace, roundHalfEven } from './numeric.js';

/**
 * How inference timesteps are spread over the training range (diffusers' `timestep_spacing`,
 * Table 2 of Lin et al. 2023): `leading` counts up from 0 in equal strides (plus
 * `steps_offset`), `trailing` counts down from the last training step, `linspace` spreads
 * evenly across both ends.
 */
export type TimestepSpacing = 'leading' | 'trailing' | 'linspace';

/** Inputs shared by every spacing rule. */
export interface SpacingSpec {
  readonly spacing: TimestepSpacing;
  readonly numTrainTimesteps: number;
  readonly stepsOffset: number;
}

function descending(values: ArrayLike<number>, map: (value: number) => number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = map(values[values.length - 1 - i]!);
  return out;
}

/**
 * `trailing`: round(T, T − T/n, …) − 1. NumPy's float `arange` yields one value too many for
 * some n (61, 103, …), which diffusers turns into a final timestep of −1; we keep the first n.
 */
function trailing(last: number, numTrainTimesteps: number, steps: number): Float64Array {
  const values = numpyArange(last, 0, -numTrainTimesteps / steps).subarray(0, steps);
  return values.map((value) => roundHalfEven(value) - 1);
}

/** `leading`: 0, r, 2r, … with r = ⌊T/n⌋, largest first, plus the offset. */
function leading(stride: number, count: number, stepsOffset: number): Float64Array {
  const up = Float64Array.from({ length: count }, (_, i) => i * stride);
  return descending(up, (value) => value + stepsOffset);
}

/**
 * Integer timesteps of the ᾱ-space schedulers (DDPM, DDIM) and Euler's (which keeps
 * `linspace` unrounded: pass `roundLinspace = false`).
 */
export function spacedTimesteps(spec: SpacingSpec, steps: number, roundLinspace = true): Float64Array {
  const total = spec.numTrainTimesteps;
  if (spec.spacing === 'linspace') {
    const points = numpyLinspace(0, total - 1, steps);
    return descending(points, (value) => (roundLinspace ? roundHalfEven(value) : Math.fround(value)));
  }
  if (spec.spacing === 'leading') return leading(Math.floor(total / steps), steps, spec.stepsOffset);
  return trailing(total, total, steps);
}

/**
 * DPM-Solver's variant: `linspace` and `leading` lay out n + 1 points and drop the final 0,
 * so the last step still has somewhere to go.
 */
export function spacedTimestepsDropLast(spec: SpacingSpec, steps: number): Float64Array {
  const total = spec.numTrainTimesteps;
  if (spec.spacing === 'linspace') {
    const points = numpyLinspace(0, total - 1, steps + 1);
    return descending(points, roundHalfEven).subarray(0, steps);
  }
  if (spec.spacing === 'leading') {
    return leading(Math.floor(total / (steps + 1)), steps + 1, spec.stepsOffset).subarray(0, steps);
  }
  return trailing(total, total, steps);
}

/**
 * The largest timestep of `leading` spacing for `steps` steps: (n − 1)·⌊T/n⌋ + offset, or with
 * DPM-Solver's extra point, n·⌊T/(n + 1)⌋ + offset. The other spacings never pass T − 1.
 */
export function largestLeadingTimestep(spec: SpacingSpec, steps: number, dropLast: boolean): number {
  const total = spec.numTrainTimesteps;
  return dropLast ? steps * Math.floor(total / (steps + 1)) + spec.stepsOffset : (steps - 1) * Math.floor(total / steps) + spec.stepsOffset;
}

/**
 * Most steps `leading` spacing can take, every count up to it included, before `steps_offset`
 * pushes the first timestep past the last training timestep (0 when even one step does). With
 * 1000 training timesteps and offset 1, as SD's configs have, that is 999: 1000 steps would
 * start at t = 1000, which diffusers fails on too.
 */
export function maxLeadingSteps(spec: SpacingSpec, dropLast: boolean): number {
  for (let steps = 1; steps <= spec.numTrainTimesteps; steps++) {
    if (largestLeadingTimestep(spec, steps, dropLast) > spec.numTrainTimesteps - 1) return steps - 1;
  }
  return spec.numTrainTimesteps;
}
