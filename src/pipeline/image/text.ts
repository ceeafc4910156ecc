import { GLYPH_HEIGHT, GLYPH_SPACING, GLYPH_WIDTH, glyphRows } from './font-5x7.js';
import type { RgbaImage } from './rgba-image.js';

/** Width and height in pixels of `text` drawn at `scale` pixels per font pixel. */
export function measureText(text: string, scale = 1): { width: number; height: number } {
  const count = [...text].length;
  const width = count === 0 ? 0 : (count * (GLYPH_WIDTH + GLYPH_SPACING) - GLYPH_SPACING) * scale;
  return { width, height: GLYPH_HEIGHT * scale };
}

/**
 * Draws `text` into `image` (mutating its pixels) with its top-left corner at (x, y), in the
 * 5×7 font scaled by an integer `scale`. Ink outside the image is clipped.
 */
export function drawText(image: RgbaImage, text: string, x: number, y: number, colour: readonly number[], scale = 1): void {
  let penX = x;
  for (const char of text) {
    const rows = glyphRows(char);
    for (let row = 0; row < GLYPH_HEIGHT; row += 1) {
      for (let column = 0; column < GLYPH_WIDTH; column += 1) {
        if ((rows[row]! >> (GLYPH_WIDTH - 1 - column)) & 1) {
          fillRect(image, penX + column * scale, y + row * scale, scale, scale, colour);
        }
      }
    }
    penX += (GLYPH_WIDTH + GLYPH_SPACING) * scale;
  }
}

/** Fills a rectangle with one RGBA colour, clipped to the image. */
export function fillRect(image: RgbaImage, x: number, y: number, width: number, height: number, colour: readonly number[]): void {
  const left = Math.max(0, x);
  const right = Math.min(image.width, x + width);
  for (let row = Math.max(0, y); row < Math.min(image.height, y + height); row += 1) {
    for (let column = left; column < right; column += 1) image.data.set(colour, (row * image.width + column) * 4);
  }
}
