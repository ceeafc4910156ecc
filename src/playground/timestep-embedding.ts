/**
 * Sinusoidal timestep embedding (as in the Transformer and DDPM papers): the network sees a
 * timestep t as sines and cosines at geometrically spaced frequencies, so nearby timesteps
 * look alike and far ones differ, at every scale from t = 1 to the whole schedule.
 */

/** Writes the `width`-wide embedding of `timestep` into `target` starting at `offset`. */
export function embedTimestep(timestep: number, width: number, target: Float32Array, offset: number): void {
  const half = width / 2;
  for (let k = 0; k < half; k++) {
    const frequency = Math.pow(10000, -k / half);
    target[offset + k] = Math.sin(timestep * frequency);
    target[offset + half + k] = Math.cos(timestep * frequency);
  }
}
