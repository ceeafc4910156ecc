import type { Polygon, Shape } from './polygon.js';

/**
 * Regions around the presets that have no drawn silhouette (two moons, spiral, blobs), so that
 * "share of samples inside the shape" means the same for every preset: a band around each
 * curve, or a disc around each blob, about 3.3 standard deviations of the data's jitter wide,
 * which holds more than 99 % of the data itself.
 */

/** A point on a curve for parameter u. */
export type Curve = (u: number) => readonly [number, number];

/**
 * The band of half-width `halfWidth` around `curve` for u in [from, to]: the curve offset to
 * one side along its normal, then back along the other side.
 */
export function bandAround(curve: Curve, from: number, to: number, halfWidth: number, segments = 96): Polygon {
  const out = new Float32Array(4 * (segments + 1));
  const delta = (to - from) * 1e-4;
  for (let i = 0; i <= segments; i++) {
    const u = from + ((to - from) * i) / segments;
    const [x, y] = curve(u);
    const [xa, ya] = curve(u - delta);
    const [xb, yb] = curve(u + delta);
    const length = Math.hypot(xb - xa, yb - ya);
    const nx = (-(yb - ya) / length) * halfWidth;
    const ny = ((xb - xa) / length) * halfWidth;
    out[2 * i] = x + nx;
    out[2 * i + 1] = y + ny;
    const back = 2 * segments + 1 - i;
    out[2 * back] = x - nx;
    out[2 * back + 1] = y - ny;
  }
  return out;
}

/** A disc as a polygon with `vertices` corners. */
export function disc(cx: number, cy: number, radius: number, vertices = 32): Polygon {
  const out = new Float32Array(vertices * 2);
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * i) / vertices;
    out[2 * i] = cx + radius * Math.cos(angle);
    out[2 * i + 1] = cy + radius * Math.sin(angle);
  }
  return out;
}

/** A shape made of separate solid polygons. */
export function solidShape(name: string, polygons: readonly Polygon[]): Shape {
  return { name, parts: polygons.map((outer) => ({ outer, holes: [] })) };
}
