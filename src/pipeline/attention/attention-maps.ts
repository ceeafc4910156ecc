/**
 * Cross-attention maps, DAAM-style (Tang et al. 2022, "What the DAAM"): for each text position,
 * the attention every latent cell gave it, upsampled to the picture's size and summed over the
 * UNet's resolution levels and the run's steps. Pure math on typed arrays; no model, no DOM.
 *
 * A level is what the pocket UNet exports per resolution: probabilities [cells, S] with cells =
 * r·r in row-major order, averaged over heads and over the level's down and up blocks. Each row
 * sums to 1 over the S text positions (a softmax), so a column is "how much of each cell's
 * attention went to this position".
 */
import { InvalidOptionError } from '../../errors.js';
import type { Tensor } from '../math/tensor.js';

/** One resolution level's attention for one image: `data` is [r·r, textLength], row-major. */
export interface AttentionLevel {
  readonly resolution: number;
  readonly data: Float32Array;
}

/** One UNet call's attention for one image (the prompt's row): every level it exports. */
export interface StepAttention {
  readonly textLength: number;
  readonly levels: readonly AttentionLevel[];
}

/**
 * Takes row `row` of a UNet's extra outputs ([B, r·r, S] each) as one image's attention. Names
 * are kept in the order given; a non-square cell count is refused (it cannot be laid on a picture).
 */
export function attentionFromOutputs(outputs: Readonly<Record<string, Tensor>>, names: readonly string[], row: number): StepAttention {
  let textLength = -1;
  const levels = names.map((name): AttentionLevel => {
    const output = outputs[name];
    if (!output || output.shape.length !== 3) throw new InvalidOptionError(name, 'must be a [batch, cells, text] attention output');
    const [batch, cells, length] = output.shape as [number, number, number];
    const resolution = Math.round(Math.sqrt(cells));
    if (resolution * resolution !== cells) throw new InvalidOptionError(name, `has ${cells} cells, which is not a square grid`);
    if (row < 0 || row >= batch) throw new InvalidOptionError('row', `must be in 0…${batch - 1}, got ${row}`);
    if (textLength >= 0 && length !== textLength) throw new InvalidOptionError(name, `has ${length} text positions where another level has ${textLength}`);
    textLength = length;
    const size = cells * length;
    return { resolution, data: output.data.slice(row * size, (row + 1) * size) };
  });
  if (levels.length === 0) throw new InvalidOptionError('names', 'must name at least one attention output');
  return { textLength, levels };
}

/**
 * Bilinear weights from `from` cells to `to` pixels along one axis, pixel centres aligned
 * (torch's `align_corners=False`): pixel i samples cell coordinate (i + ½)·from/to − ½, clamped.
 */
function axisWeights(from: number, to: number): { lo: Int32Array; hi: Int32Array; t: Float32Array } {
  const lo = new Int32Array(to);
  const hi = new Int32Array(to);
  const t = new Float32Array(to);
  for (let i = 0; i < to; i++) {
    const x = Math.min(from - 1, Math.max(0, ((i + 0.5) * from) / to - 0.5));
    lo[i] = Math.floor(x);
    hi[i] = Math.min(from - 1, lo[i]! + 1);
    t[i] = x - lo[i]!;
  }
  return { lo, hi, t };
}

/**
 * Adds the bilinear upsampling of an r × r grid to `out` (size × size, row-major). Upsampling keeps
 * values as they are (a probability stays a probability), so levels of different resolutions
 * count alike, as in DAAM.
 */
function addUpsampled(out: Float32Array, size: number, grid: Float64Array, r: number): void {
  const { lo, hi, t } = axisWeights(r, size);
  for (let y = 0; y < size; y++) {
    const y0 = lo[y]! * r;
    const y1 = hi[y]! * r;
    const ty = t[y]!;
    for (let x = 0; x < size; x++) {
      const tx = t[x]!;
      const top = grid[y0 + lo[x]!]! * (1 - tx) + grid[y0 + hi[x]!]! * tx;
      const bottom = grid[y1 + lo[x]!]! * (1 - tx) + grid[y1 + hi[x]!]! * tx;
      out[y * size + x]! += top * (1 - ty) + bottom * ty;
    }
  }
}

function checkPositions(textLength: number, positions: readonly number[]): void {
  if (positions.length === 0) throw new InvalidOptionError('positions', 'must name at least one text position');
  for (const p of positions) {
    if (!Number.isInteger(p) || p < 0 || p >= textLength) throw new InvalidOptionError('positions', `must be integers in 0…${textLength - 1}, got ${p}`);
  }
}

/**
 * The heat map of text positions `positions` (a word's tokens, or every padding position) over a
 * size × size picture: each step's levels upsampled and summed over levels, positions and steps,
 * then normalised to sum 1 — each pixel's value is its share of that word's attention. Pass one
 * step for the map at that step, all of them for the aggregate. All zero stays all zero.
 */
export function attentionHeatmap(steps: readonly StepAttention[], positions: readonly number[], size: number): Float32Array {
  if (!Number.isInteger(size) || size < 1) throw new InvalidOptionError('size', `must be a positive integer, got ${size}`);
  if (steps.length === 0) throw new InvalidOptionError('steps', 'must hold at least one step');
  // Upsampling is linear, so summing each level's grids over steps first and upsampling once per
  // level gives the same map as upsampling every step (20× less work for a 20-step aggregate).
  const grids = new Map<number, Float64Array>();
  for (const step of steps) {
    checkPositions(step.textLength, positions);
    for (const level of step.levels) {
      const r = level.resolution;
      let grid = grids.get(r);
      if (!grid) grids.set(r, (grid = new Float64Array(r * r)));
      for (let cell = 0; cell < r * r; cell++) {
        for (const p of positions) grid[cell]! += level.data[cell * step.textLength + p]!;
      }
    }
  }
  const out = new Float32Array(size * size);
  for (const [r, grid] of grids) addUpsampled(out, size, grid, r);
  let total = 0;
  for (const v of out) total += v;
  if (total > 0) for (let i = 0; i < out.length; i++) out[i]! /= total;
  return out;
}

/**
 * Each text position's share of all the attention: the mean over cells, levels and steps of the
 * probability given to it. The shares sum to 1 over positions; start, end and padding tokens
 * usually take most of it (a place for attention to rest, as in language models).
 */
export function attentionShares(steps: readonly StepAttention[]): Float32Array {
  if (steps.length === 0) throw new InvalidOptionError('steps', 'must hold at least one step');
  const textLength = steps[0]!.textLength;
  const shares = new Float64Array(textLength);
  let parts = 0;
  for (const step of steps) {
    if (step.textLength !== textLength) throw new InvalidOptionError('steps', 'must all have the same text length');
    for (const level of step.levels) {
      const cells = level.resolution * level.resolution;
      for (let cell = 0; cell < cells; cell++) {
        for (let p = 0; p < textLength; p++) shares[p]! += level.data[cell * textLength + p]! / cells;
      }
      parts++;
    }
  }
  return Float32Array.from(shares, (s) => s / parts);
}

/** The part of a map (summing to 1) that falls where `mask` is non-zero; same length as the map. */
export function shareInMask(map: Float32Array, mask: Uint8Array): number {
  if (mask.length !== map.length) throw new InvalidOptionError('mask', `must have ${map.length} pixels, got ${mask.length}`);
  let inside = 0;
  let total = 0;
  for (let i = 0; i < map.length; i++) {
    total += map[i]!;
    if (mask[i]) inside += map[i]!;
  }
  return total > 0 ? inside / total : 0;
}
