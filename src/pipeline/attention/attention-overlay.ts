/**
 * A word's attention map laid over a picture, for the eye: the picture dimmed, the map in a warm
 * ramp on top, scaled so the map's hottest pixel is full colour (a map sums to 1, so its raw
 * values are tiny and depend on the picture's size; the scale is per map, so the overlay says
 * where a word looks, not how much).
 */
import { InvalidOptionError } from '../../errors.js';
import type { RgbaImage } from '../image/rgba-image.js';

/** Dark violet → red → orange → pale yellow: readable over a dimmed picture in light and dark pages. */
const RAMP: readonly (readonly [number, number, number])[] = [
  [40, 11, 84],
  [160, 30, 90],
  [230, 90, 40],
  [252, 200, 60],
  [255, 250, 200],
];

function rampColour(t: number): readonly [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i]!;
  const b = RAMP[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/**
 * `map` (width × height, row-major, any non-negative scale) over `image`: each pixel mixes the
 * picture at 40 % brightness with the ramp's colour of map/max, by map/max (so cold pixels show
 * the picture, hot ones the colour). An all-zero map gives the dimmed picture.
 */
export function attentionOverlay(image: RgbaImage, map: Float32Array): RgbaImage {
  if (map.length !== image.width * image.height) {
    throw new InvalidOptionError('map', `must have ${image.width}×${image.height} values, got ${map.length}`);
  }
  let max = 0;
  for (const v of map) if (v > max) max = v;
  const data = new Uint8ClampedArray(image.data.length);
  for (let p = 0; p < map.length; p++) {
    const t = max > 0 ? map[p]! / max : 0;
    const [r, g, b] = rampColour(t);
    const o = p * 4;
    data[o] = image.data[o]! * 0.4 * (1 - t) + r * t;
    data[o + 1] = image.data[o + 1]! * 0.4 * (1 - t) + g * t;
    data[o + 2] = image.data[o + 2]! * 0.4 * (1 - t) + b * t;
    data[o + 3] = 255;
  }
  return { width: image.width, height: image.height, data };
}
