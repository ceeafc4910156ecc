/**
 * The 32-bit Mersenne Twister (MT19937, Matsumoto & Nishimura 1998) as PyTorch's CPU
 * generator runs it: seeded with the classic `init_genrand` recurrence from the low 32 bits
 * of the seed, refilled 624 words at a time, tempered on the way out.
 */

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A Mersenne Twister stream of uint32 words. State is plain typed-array data, cheap to copy. */
export class Mt19937 {
  private readonly state = new Uint32Array(STATE_SIZE);
  /** Index of the next state word to temper; `STATE_SIZE` means "twist before reading". */
  private next = STATE_SIZE;

  /** @param seed32 seed, reduced to its low 32 bits (as torch does with 64-bit seeds). */
  constructor(seed32: number) {
    const state = this.state;
    state[0] = seed32 >>> 0;
    for (let j = 1; j < STATE_SIZE; j++) {
      const previous = state[j - 1]! ^ (state[j - 1]! >>> 30);
      // 1812433253 · previous + j, modulo 2^32; Math.imul keeps the product exact in 32 bits.
      state[j] = (Math.imul(1812433253, previous) + j) >>> 0;
    }
  }

  /** The next tempered 32-bit word, as an unsigned integer in 0…2^32−1. */
  nextUint32(): number {
    if (this.next >= STATE_SIZE) this.twist();
    let y = this.state[this.next++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Regenerates all 624 state words from the previous ones. */
  private twist(): void {
    const state = this.state;
    for (let k = 0; k < STATE_SIZE; k++) {
      const mixed = (state[k]! & UPPER_MASK) | (state[(k + 1) % STATE_SIZE]! & LOWER_MASK);
      const twisted = (mixed >>> 1) ^ (mixed & 1 ? MATRIX_A : 0);
      state[k] = state[(k + SHIFT_SIZE) % STATE_SIZE]! ^ twisted;
    }
    this.next = 0;
  }
}
