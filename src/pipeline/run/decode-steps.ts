/**
 * When decoding every step's x̂₀ is cheap enough to do by default: a VAE decode costs about
 * its output's pixel count, ~6 ms for the pocket model's 64×64 and seconds for SD's 512×512.
 */

/** Largest image (in pixels) whose steps are decoded by default: 256×256. */
export const DECODE_STEPS_MAX_PIXELS = 256 * 256;

/** Whether runs of this size decode (and recordings store) every step's picture by default. */
export function decodesStepsByDefault(width: number, height: number): boolean {
  return width * height <= DECODE_STEPS_MAX_PIXELS;
}
