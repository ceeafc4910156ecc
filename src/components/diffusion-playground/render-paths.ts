import type { PlaneScales } from './plane-scales.js';

/** A sampling run's frames: (frames) × (count) x,y pairs, one frame after another. */
export interface PathFrames {
  readonly frames: Float32Array;
  readonly count: number;
}

/**
 * Draws the paths of the first `paths` points from the starting noise up to frame `upTo`,
 * as thin translucent polylines: the flow from the Gaussian cloud to the data.
 */
export function renderPaths(
  context: CanvasRenderingContext2D,
  run: PathFrames,
  upTo: number,
  scales: PlaneScales,
  style: { readonly color: string; readonly paths: number },
): void {
  const frameSize = run.count * 2;
  const paths = Math.min(style.paths, run.count);
  context.save();
  context.strokeStyle = style.color;
  context.globalAlpha = 0.25;
  context.lineWidth = 0.8;
  context.beginPath();
  for (let p = 0; p < paths; p++) {
    context.moveTo(scales.x(run.frames[2 * p]!), scales.y(run.frames[2 * p + 1]!));
    for (let frame = 1; frame <= upTo; frame++) {
      const at = frame * frameSize + 2 * p;
      context.lineTo(scales.x(run.frames[at]!), scales.y(run.frames[at + 1]!));
    }
  }
  context.stroke();
  context.restore();
}
