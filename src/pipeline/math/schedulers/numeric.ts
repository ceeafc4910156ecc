/**
 * The few NumPy / PyTorch numerics that diffusers' schedules are built from, reproduced
 * operation by operation: parity to 1e-5 depends on rounding where they round (float32
 * tensors, half-to-even `np.round`) and on the exact formulas of `linspace` and `arange`.
 */

/** Rounds to float32, as storing into a float32 tensor does. */
export const f32 = Math.fround;

/** `np.round`: to the nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Float32 lanes of torch's AVX2 CPU kernels: linspace fills 2 × 8 values per iteration. */
const TORCH_VECTOR_LANES = 8;

/**
 * `torch.linspace(start, end, steps, dtype=float32)` as torch's CPU kernel computes it, bit for
 * bit: float32 endpoints and step; the first half counted up from `start`, the second half down
 * from `end` (each a fused multiply-add, one rounding); within each 8-lane vector the lanes add
 * j·step to the vector's first value, and the tail past the last pair of vectors is scalar.
 */
export function torchLinspaceFloat32(start: number, end: number, steps: number): Float32Array {
  const out = new Float32Array(steps);
  const from = f32(start);
  const to = f32(end);
  const step = steps > 1 ? f32(f32(to - from) / (steps - 1)) : 0;
  const halfway = Math.floor(steps / 2);
  // step·i is exact in float64, so one rounding to float32 reproduces the fused multiply-add.
  const valueAt = (i: number): number => (i < halfway ? f32(from + step * i) : f32(to - step * (steps - i - 1)));
  const lanes = TORCH_VECTOR_LANES;
  let i = 0;
  for (; i + 2 * lanes <= steps; i += 2 * lanes) {
    for (const vectorStart of [i, i + lanes]) {
      const first = valueAt(vectorStart);
      for (let lane = 0; lane < lanes; lane++) out[vectorStart + lane] = f32(first + f32(lane * step));
    }
  }
  for (; i < steps; i++) out[i] = valueAt(i);
  return out;
}

/** `np.linspace(start, stop, num, endpoint)` in float64. */
export function numpyLinspace(start: number, stop: number, num: number, endpoint = true): Float64Array {
  const out = new Float64Array(num);
  const divisions = endpoint ? num - 1 : num;
  const step = divisions > 0 ? (stop - start) / divisions : 0;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** `np.arange(start, stop, step)` with a float step: ⌈(stop−start)/step⌉ values start + i·δ. */
export function numpyArange(start: number, stop: number, step: number): Float64Array {
  const length = Math.max(0, Math.ceil((stop - start) / step));
  // NumPy fills from the first two values, so its increment is (start + step) − start.
  const delta = start + step - start;
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = start + i * delta;
  return out;
}

/** `np.interp(x, arange(len(fp)), fp)`: piecewise-linear lookup at fractional index `x`. */
export function interpAtIndex(x: number, fp: ArrayLike<number>): number {
  const last = fp.length - 1;
  if (x <= 0) return fp[0]!;
  if (x >= last) return fp[last]!;
  const j = Math.floor(x);
  const slope = (fp[j + 1]! - fp[j]!) / 1;
  return slope * (x - j) + fp[j]!;
}
