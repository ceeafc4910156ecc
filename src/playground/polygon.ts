import type { PlaygroundRandom } from './random.js';

/**
 * Silhouettes as polygons. A polygon is a closed ring of vertices stored as x,y pairs in one
 * Float32Array (the last vertex joins the first). A shape is a union of parts, each an outer
 * ring with optional holes (a wheel's hub), so overlapping parts never punch holes in each other.
 */
export type Polygon = Float32Array;

/** One filled region: its outline and the holes cut out of it. */
export interface ShapePart {
  readonly outer: Polygon;
  readonly holes: readonly Polygon[];
}

/** A silhouette: the union of its parts. */
export interface Shape {
  readonly name: string;
  readonly parts: readonly ShapePart[];
}

/** Axis-aligned box [minX, minY, maxX, maxY]. */
export type Box = readonly [number, number, number, number];

/** Even–odd ray casting: is (x, y) inside the ring? */
export function insidePolygon(polygon: Polygon, x: number, y: number): boolean {
  let inside = false;
  const count = polygon.length / 2;
  for (let i = 0, j = count - 1; i < count; j = i++) {
    const xi = polygon[2 * i]!;
    const yi = polygon[2 * i + 1]!;
    const xj = polygon[2 * j]!;
    const yj = polygon[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Is (x, y) inside any part of the shape (and outside that part's holes)? */
export function insideShape(shape: Shape, x: number, y: number): boolean {
  return shape.parts.some(
    (part) => insidePolygon(part.outer, x, y) && !part.holes.some((hole) => insidePolygon(hole, x, y)),
  );
}

/** The box around every outer ring of the shape. */
export function boundingBox(shape: Shape): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { outer } of shape.parts) {
    for (let i = 0; i < outer.length; i += 2) {
      minX = Math.min(minX, outer[i]!);
      maxX = Math.max(maxX, outer[i]!);
      minY = Math.min(minY, outer[i + 1]!);
      maxY = Math.max(maxY, outer[i + 1]!);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Uniform samples inside the shape by rejection from its bounding box; x,y pairs. */
export function sampleInShape(shape: Shape, count: number, random: PlaygroundRandom): Float32Array {
  const [minX, minY, maxX, maxY] = boundingBox(shape);
  const out = new Float32Array(count * 2);
  for (let filled = 0; filled < count; ) {
    const x = minX + (maxX - minX) * random.uniform();
    const y = minY + (maxY - minY) * random.uniform();
    if (!insideShape(shape, x, y)) continue;
    out[2 * filled] = x;
    out[2 * filled + 1] = y;
    filled++;
  }
  return out;
}

/** Moves and scales a shape: every vertex v becomes offset + scale·v. */
export function placeShape(shape: Shape, scale: number, offsetX: number, offsetY: number): Shape {
  const place = (ring: Polygon): Polygon =>
    ring.map((value, index) => (index % 2 === 0 ? offsetX : offsetY) + scale * value);
  return {
    name: shape.name,
    parts: shape.parts.map((part) => ({ outer: place(part.outer), holes: part.holes.map(place) })),
  };
}

/** Share of the x,y points that fall inside the shape (0 for no points). */
export function shareInside(shape: Shape, points: Float32Array): number {
  const count = points.length / 2;
  if (count === 0) return 0;
  let inside = 0;
  for (let i = 0; i < count; i++) if (insideShape(shape, points[2 * i]!, points[2 * i + 1]!)) inside++;
  return inside / count;
}
