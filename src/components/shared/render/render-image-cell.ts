import type { Selection } from 'd3';
import type { RgbaImage } from '../../../pipeline/image/rgba-image.js';

/**
 * Draws an RGBA image into a canvas at its native size; CSS scales it up with
 * `image-rendering: pixelated` so small latents stay crisp. `alt` becomes the
 * canvas's accessible name (role img).
 */
export function renderImageCell(
  canvas: Selection<HTMLCanvasElement, unknown, null, undefined>,
  image: RgbaImage,
  alt: string,
): void {
  const node = canvas.node();
  if (!node) return;
  if (node.width !== image.width) node.width = image.width;
  if (node.height !== image.height) node.height = image.height;
  canvas.attr('role', 'img').attr('aria-label', alt);
  // Small canvases written whole each time: a CPU-backed context skips a GPU upload per cell
  // (and the readback when tests or screenshots read pixels).
  const context = node.getContext('2d', { willReadFrequently: true });
  if (!context) return;
  const pixels = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  context.putImageData(pixels, 0, 0);
}

/** Empties a cell drawn by `renderImageCell` (its CSS box stays: the layout does not move). */
export function clearImageCell(node: HTMLCanvasElement, alt: string): void {
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', alt);
  node.getContext('2d', { willReadFrequently: true })?.clearRect(0, 0, node.width, node.height);
}
