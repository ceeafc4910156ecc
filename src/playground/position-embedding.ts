/**
 * Fourier features of a 2D point: x and y themselves, then sin and cos of each at octave-spaced
 * frequencies. A plain MLP on raw (x, y) learns only smooth, blobby densities in a few thousand
 * steps; these features let it draw a sheep's legs (Tancik et al., "Fourier features let
 * networks learn high frequency functions", 2020).
 */

/** How many numbers `embedPosition` writes for `frequencies` octaves. */
export function positionWidth(frequencies: number): number {
  return 2 + 4 * frequencies;
}

/** The k-th frequency in radians per data unit: ½, 1, 2, 4, … */
export function positionFrequency(k: number): number {
  return 0.5 * 2 ** k;
}

/** Writes the features of (x, y) into `target` starting at `offset`. */
export function embedPosition(x: number, y: number, frequencies: number, target: Float32Array, offset: number): void {
  target[offset] = x;
  target[offset + 1] = y;
  for (let k = 0; k < frequencies; k++) {
    const frequency = positionFrequency(k);
    const at = offset + 2 + 4 * k;
    target[at] = Math.sin(frequency * x);
    target[at + 1] = Math.cos(frequency * x);
    target[at + 2] = Math.sin(frequency * y);
    target[at + 3] = Math.cos(frequency * y);
  }
}
