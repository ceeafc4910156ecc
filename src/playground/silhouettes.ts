import type { Polygon, Shape, ShapePart } from './polygon.js';

/**
 * The two silhouettes of the playground, drawn by hand in a unit frame (about [−1, 1]², y up).
 * Curved outlines are traced as polygons from an ellipse or a circle; the rest are listed vertices.
 */

/** A ring from explicit x,y vertex pairs. */
function ring(...xy: number[]): Polygon {
  return new Float32Array(xy);
}

interface EllipseOptions {
  readonly angle?: number;
  readonly vertices?: number;
  readonly bump?: (theta: number) => number;
}

const plainRadius = (): number => 1;

/**
 * An ellipse traced with `vertices` corners, rotated by `angle` radians, its radius scaled
 * by `bump(θ)` (1 for a plain ellipse) — the sheep's fleece is a bumpy ellipse.
 */
function ellipse(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  { angle = 0, vertices = 40, bump = plainRadius }: EllipseOptions = {},
): Polygon {
  const out = new Float32Array(vertices * 2);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let i = 0; i < vertices; i++) {
    const theta = (2 * Math.PI * i) / vertices;
    const scale = bump(theta);
    const x = rx * scale * Math.cos(theta);
    const y = ry * scale * Math.sin(theta);
    out[2 * i] = cx + x * cos - y * sin;
    out[2 * i + 1] = cy + x * sin + y * cos;
  }
  return out;
}

/** A bar of the given thickness from (x0, y0) to (x1, y1): legs, fork, swingarm. */
function bar(x0: number, y0: number, x1: number, y1: number, thickness: number): Polygon {
  const length = Math.hypot(x1 - x0, y1 - y0);
  const nx = (-(y1 - y0) / length) * (thickness / 2);
  const ny = ((x1 - x0) / length) * (thickness / 2);
  return ring(x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny);
}

const solid = (outer: Polygon): ShapePart => ({ outer, holes: [] });

/** A sheep facing left: fleecy body, head with an ear, four legs and a tail. */
export const sheep: Shape = {
  name: 'sheep',
  parts: [
    // Fleece: an ellipse whose radius swells in eleven bumps.
    solid(ellipse(0.1, 0.12, 0.72, 0.42, { vertices: 88, bump: (theta) => 1 + 0.09 * Math.abs(Math.sin(5.5 * theta)) })),
    solid(ellipse(-0.86, 0.04, 0.24, 0.14, { angle: -0.6 })),
    solid(ellipse(-0.74, 0.24, 0.13, 0.055, { angle: 0.6, vertices: 20 })),
    solid(bar(-0.42, -0.1, -0.45, -0.78, 0.12)),
    solid(bar(-0.18, -0.1, -0.2, -0.78, 0.12)),
    solid(bar(0.38, -0.1, 0.4, -0.78, 0.12)),
    solid(bar(0.6, -0.1, 0.64, -0.78, 0.12)),
    solid(ellipse(0.86, 0.28, 0.12, 0.09, { angle: 0.6, vertices: 20 })),
  ],
};

/** A wheel: a tyre ring around a hub hole. */
function wheel(cx: number, cy: number): ShapePart {
  return { outer: ellipse(cx, cy, 0.36, 0.36), holes: [ellipse(cx, cy, 0.19, 0.19)] };
}

/** A motorcycle facing right: two wheels, engine, tank and seat, fork, handlebar, headlight. */
export const motorcycle: Shape = {
  name: 'motorcycle',
  parts: [
    wheel(-0.62, -0.38),
    wheel(0.66, -0.38),
    // Engine block between the wheels.
    solid(ring(-0.22, -0.42, 0.26, -0.42, 0.34, -0.02, -0.3, -0.02)),
    // Swingarm from the rear axle to the engine.
    solid(bar(-0.62, -0.38, -0.15, -0.2, 0.12)),
    // Seat and tank in one outline.
    solid(ring(-0.95, 0.12, -0.92, 0.24, -0.3, 0.24, -0.18, 0.36, 0.32, 0.38, 0.46, 0.2, 0.3, -0.02, -0.7, 0.02)),
    // Fork from the steering head down to the front axle.
    solid(bar(0.4, 0.32, 0.66, -0.38, 0.12)),
    solid(bar(0.36, 0.5, 0.44, 0.3, 0.1)),
    solid(bar(0.24, 0.52, 0.5, 0.54, 0.09)),
    solid(ellipse(0.58, 0.24, 0.09, 0.09, { vertices: 20 })),
  ],
};
