import type { PlaneScales } from './plane-scales.js';

/** The learned noise on a grid: grid points and ε̂ at each, both x,y pairs. */
export interface FieldArrows {
  readonly points: Float32Array;
  readonly noise: Float32Array;
}

/**
 * Draws one arrow per grid point along −ε̂, the direction the model would move a point to
 * denoise it. Lengths are scaled so the longest arrow spans `cell` pixels.
 */
export function renderField(context: CanvasRenderingContext2D, field: FieldArrows, scales: PlaneScales, style: { readonly color: string; readonly cell: number }): void {
  let longest = 0;
  for (let i = 0; i < field.noise.length; i += 2) longest = Math.max(longest, Math.hypot(field.noise[i]!, field.noise[i + 1]!));
  if (longest === 0) return;
  const scale = (0.9 * style.cell) / longest;
  context.save();
  context.strokeStyle = style.color;
  context.fillStyle = style.color;
  context.lineWidth = 1;
  context.globalAlpha = 0.75;
  context.beginPath();
  for (let i = 0; i < field.points.length; i += 2) {
    const x0 = scales.x(field.points[i]!);
    const y0 = scales.y(field.points[i + 1]!);
    // −ε̂ in data space; screen y grows downwards.
    const dx = -field.noise[i]! * scale;
    const dy = field.noise[i + 1]! * scale;
    const x1 = x0 + dx;
    const y1 = y0 + dy;
    context.moveTo(x0, y0);
    context.lineTo(x1, y1);
    const length = Math.hypot(dx, dy);
    if (length < 3) continue;
    // A small arrowhead, a quarter of the shaft long.
    const ux = dx / length;
    const uy = dy / length;
    const head = Math.min(4, length / 3);
    context.moveTo(x1, y1);
    context.lineTo(x1 - head * (ux - 0.5 * uy), y1 - head * (uy + 0.5 * ux));
    context.moveTo(x1, y1);
    context.lineTo(x1 - head * (ux + 0.5 * uy), y1 - head * (uy - 0.5 * ux));
  }
  context.stroke();
  context.restore();
}
