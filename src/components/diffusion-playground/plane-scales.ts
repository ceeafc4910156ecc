import { scaleLinear, type ScaleLinear } from 'd3';

/** How data coordinates map to canvas pixels (y up in data, down on screen). */
export interface PlaneScales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

/** Half-width of the square of data space the canvas shows: the Gaussian cloud fits in ±3.2. */
export const planeExtent = 3.2;

/** Scales for a square canvas of `size` CSS pixels showing [−extent, extent]². */
export function planeScales(size: number, extent = planeExtent): PlaneScales {
  return {
    x: scaleLinear().domain([-extent, extent]).range([0, size]),
    y: scaleLinear().domain([-extent, extent]).range([size, 0]),
  };
}
