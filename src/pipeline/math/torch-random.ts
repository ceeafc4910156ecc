/**
 * Seeded Gaussian noise that matches PyTorch bit for bit:
 * `randn(shape, seed)` returns exactly the float32 values of
 * `torch.randn(shape, generator=torch.Generator().manual_seed(seed))` on CPU, so "same seed, same
 * prompt, same image" holds between our widgets, our CLI and diffusers.
 *
 * Torch draws the same Mersenne Twister words on every platform but has two normal samplers:
 * - fewer than 16 elements: double-precision Box–Muller, one value per call, the paired sine
 *   value cached in the generator for the next small call;
 * - 16 or more: all uniforms first, then float Box–Muller in blocks of 16 (a ragged tail is
 *   redrawn as one extra block over the last 16 slots). This path uses the AVX2 kernel's own
 *   float log/sin/cos (see `torch-avx2-math.ts`): the reference is x86-64 torch with AVX2
 *   (Linux builds, Debian's included), whose values differ in the last bit from torch builds
 *   without that kernel (ARM, MSVC), which use libm instead.
 */
import { InvalidOptionError } from '../../errors.js';
import { Mt19937 } from './mt19937.js';
import type { NoiseSource } from './schedulers/types.js';
import { parseSeed } from './seed.js';
import { avx2BoxMuller16 } from './torch-avx2-math.js';

/** Torch switches from the scalar sampler to the blocked float one at this many elements. */
const BLOCK = 16;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_MINUS_24 = 2 ** -24;
const TWO_POW_MINUS_53 = 2 ** -53;

/**
 * A CPU random generator in the state `torch.Generator().manual_seed(seed)` leaves, whose state
 * then carries over between `randn` calls exactly as torch's does (including the cached second
 * normal of the small-tensor sampler).
 */
export class TorchGenerator implements NoiseSource {
  /** The seed as given, 0…2^64−1. Torch seeds its Mersenne Twister with the low 32 bits. */
  readonly seed: bigint;
  private readonly engine: Mt19937;
  /** The sine half of the last scalar Box–Muller pair, waiting for the next small draw. */
  private cachedNormal: number | null = null;

  /**
   * @param seed integer in 0…2^64−1 (number, bigint or decimal string).
   * @throws InvalidOptionError (field `seed`) when the seed is not such an integer.
   */
  constructor(seed: number | bigint | string) {
    this.seed = parseSeed(seed);
    this.engine = new Mt19937(Number(this.seed & 0xffffffffn));
  }

  /**
   * Standard normal samples for a tensor of `shape`, row-major, advancing the generator.
   * @throws InvalidOptionError (field `shape`) when a dimension is not a non-negative integer.
   */
  randn(shape: readonly number[]): Float32Array {
    const out = new Float32Array(elementCount(shape));
    if (out.length < BLOCK) this.fillScalarNormals(out);
    else this.fillBlockNormals(out);
    return out;
  }

  private fillScalarNormals(out: Float32Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.nextScalarNormal();
  }

  /** Torch's `normal_distribution<double>`: Box–Muller in double, the sine value cached. */
  private nextScalarNormal(): number {
    if (this.cachedNormal !== null) {
      const cached = this.cachedNormal;
      this.cachedNormal = null;
      return cached;
    }
    const u1 = this.nextUniform53();
    const u2 = this.nextUniform53();
    const radius = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    // `+ 0` mirrors torch's `value·std + mean` (std 1, mean 0), which turns −0 into +0.
    this.cachedNormal = radius * Math.sin(theta) + 0;
    return radius * Math.cos(theta) + 0;
  }

  /** A double in [0, 1) from the low 53 bits of two words (first word is the high half). */
  private nextUniform53(): number {
    const high = this.engine.nextUint32();
    const low = this.engine.nextUint32();
    return ((high & 0x1fffff) * TWO_POW_32 + low) * TWO_POW_MINUS_53;
  }

  private fillBlockNormals(out: Float32Array): void {
    const length = out.length;
    const trig = new Float64Array(2);
    this.fillUniform24(out, 0);
    for (let offset = 0; offset + BLOCK <= length; offset += BLOCK) avx2BoxMuller16(out, offset, trig);
    if (length % BLOCK !== 0) {
      // Torch redraws the last 16 slots (overwriting finished values) rather than pad a block.
      this.fillUniform24(out, length - BLOCK);
      avx2BoxMuller16(out, length - BLOCK, trig);
    }
  }

  /** Floats in [0, 1) from the low 24 bits of one word each, written from `start` to the end. */
  private fillUniform24(out: Float32Array, start: number): void {
    const engine = this.engine;
    for (let i = start; i < out.length; i++) out[i] = (engine.nextUint32() & 0xffffff) * TWO_POW_MINUS_24;
  }
}

/**
 * `torch.randn(shape, generator=torch.Generator().manual_seed(seed))` on CPU, bit for bit.
 * @param shape tensor dimensions (non-negative integers; `[]` is a scalar).
 * @param seed integer in 0…2^64−1 (number, bigint or decimal string).
 */
export function randn(shape: readonly number[], seed: number | bigint | string): Float32Array {
  return new TorchGenerator(seed).randn(shape);
}

function elementCount(shape: readonly number[]): number {
  if (!Array.isArray(shape)) throw new InvalidOptionError('shape', 'must be an array of dimensions');
  let count = 1;
  for (const dim of shape) {
    if (!Number.isSafeInteger(dim) || dim < 0) {
      throw new InvalidOptionError('shape', `dimensions must be non-negative integers, got [${shape.join(', ')}]`);
    }
    count *= dim;
  }
  if (!Number.isSafeInteger(count)) throw new InvalidOptionError('shape', `too many elements: [${shape.join(', ')}]`);
  return count;
}
