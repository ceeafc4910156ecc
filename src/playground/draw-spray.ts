import type { PlaygroundRandom } from './random.js';

/**
 * Drawing with the pointer: each touch of the canvas sprays a few points in a small disc around
 * the pointer, so a stroke becomes a band of data rather than a one-pixel line.
 */
export function sprayPoints(x: number, y: number, radius: number, count: number, random: PlaygroundRandom): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    // √u spreads the points evenly over the disc's area.
    const distance = radius * Math.sqrt(random.uniform());
    const angle = 2 * Math.PI * random.uniform();
    out[2 * i] = x + distance * Math.cos(angle);
    out[2 * i + 1] = y + distance * Math.sin(angle);
  }
  return out;
}

/** Appends new x,y pairs to existing ones. */
export function appendPoints(existing: Float32Array, added: Float32Array): Float32Array {
  const out = new Float32Array(existing.length + added.length);
  out.set(existing, 0);
  out.set(added, existing.length);
  return out;
}
