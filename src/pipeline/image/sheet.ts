import { InvalidOptionError } from '../../errors.js';
import type { RgbaImage } from './rgba-image.js';
import { solidImage } from './rgba-image.js';
import { scaleNearest } from './resize.js';
import { drawText, measureText } from './text.js';

/** One picture of a sheet with the caption drawn above it. */
export interface SheetPanel {
  readonly label: string;
  readonly image: RgbaImage;
}

/** What `composeSheet` lays out. */
export interface SheetLayout {
  readonly panels: readonly SheetPanel[];
  /** Panels per row (default: all in one row). */
  readonly columns?: number;
  /** Each panel is enlarged by the largest whole factor that keeps its longer side within this (default 128); never shrunk. */
  readonly cellSize?: number;
  /** A line above everything (e.g. the prompt and seed). */
  readonly title?: string;
  /** Pixels between panels and around the edge (default 8). */
  readonly gap?: number;
  /** Font pixels per 5×7 glyph pixel (default 2). */
  readonly textScale?: number;
  /** RGBA bytes (defaults: white paper, near-black ink). */
  readonly background?: readonly number[];
  readonly foreground?: readonly number[];
}

/** Where a panel's picture landed on the sheet, and by how much it was enlarged. */
export interface PlacedPanel {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly scale: number;
}

const ASCII_FOR: Record<string, string> = { '·': '-', '×': 'x', '–': '-', '—': '-', '−': '-', '“': '"', '”': '"', '‘': "'", '’': "'", '…': '...', 'σ': 's', 'α': 'a', 'ε': 'e' };

/** `text` in the characters the sheet's 5×7 font has: accents dropped, a few symbols spelled out, others `?`. */
export function asciiText(text: string): string {
  return [...text.normalize('NFKD').replace(/\p{M}/gu, '')].map((char) => (char >= ' ' && char <= '~' ? char : (ASCII_FOR[char] ?? '?'))).join('');
}

/** Pastes `source` into `target` with its top-left corner at (x, y). */
function blit(target: RgbaImage, source: RgbaImage, x: number, y: number): void {
  for (let row = 0; row < source.height; row += 1) {
    const from = row * source.width * 4;
    target.data.set(source.data.subarray(from, from + source.width * 4), ((y + row) * target.width + x) * 4);
  }
}

/**
 * Lays pictures of any sizes out in rows, each under its caption, with a title line: what a
 * figure shows, as one image to save (the player's panels of a step, a comparison's cells).
 * Small latent-resolution pictures are enlarged by whole factors, so they stay crisp, and
 * every cell is as wide and tall as the largest. Pure: returns a new image and where each
 * picture went (tests compare those pixels with what the page shows).
 */
export function composeSheet(layout: SheetLayout): { image: RgbaImage; placed: PlacedPanel[] } {
  const panels = layout.panels.map((panel) => ({ ...panel, label: asciiText(panel.label) }));
  if (panels.length === 0) throw new InvalidOptionError('panels', 'a sheet needs at least one picture');
  const columns = Math.min(panels.length, layout.columns ?? panels.length);
  if (!Number.isInteger(columns) || columns < 1) throw new InvalidOptionError('columns', `${layout.columns} is not a whole number of columns`);
  const cellSize = layout.cellSize ?? 128;
  const gap = layout.gap ?? 8;
  const textScale = layout.textScale ?? 2;
  const ink = layout.foreground ?? [24, 24, 24, 255];
  const scaled = panels.map(({ image }) => {
    const scale = Math.max(1, Math.min(64, Math.floor(cellSize / Math.max(image.width, image.height, 1))));
    return { image: scaleNearest(image, scale), scale };
  });
  const labelHeight = measureText('', textScale).height;
  const cellWidth = Math.max(...scaled.map(({ image }) => image.width), ...panels.map(({ label }) => measureText(label, textScale).width));
  const cellHeight = labelHeight + gap + Math.max(...scaled.map(({ image }) => image.height));
  const title = asciiText(layout.title ?? '');
  const top = gap + (title ? labelHeight + 2 * gap : 0);
  const rows = Math.ceil(panels.length / columns);
  const width = Math.max(gap + columns * (cellWidth + gap), 2 * gap + measureText(title, textScale).width);
  const sheet = solidImage(width, top + rows * (cellHeight + gap), layout.background ?? [255, 255, 255, 255]);
  if (title) drawText(sheet, title, gap, gap, ink, textScale);
  const placed = panels.map((panel, i) => {
    const left = gap + (i % columns) * (cellWidth + gap);
    const cellTop = top + Math.floor(i / columns) * (cellHeight + gap);
    const { image, scale } = scaled[i]!;
    drawText(sheet, panel.label, left + Math.floor((cellWidth - measureText(panel.label, textScale).width) / 2), cellTop, ink, textScale);
    const x = left + Math.floor((cellWidth - image.width) / 2);
    const y = cellTop + labelHeight + gap;
    blit(sheet, image, x, y);
    return { x, y, width: image.width, height: image.height, scale };
  });
  return { image: sheet, placed };
}

/**
 * A file name from a figure's state, e.g. `["sheep", "seed 42", "step 5"]` → `sheep-seed-42-step-5`:
 * lower-case ASCII letters, digits, dots and dashes only, at most 80 characters, never empty.
 */
export function fileNameOf(parts: readonly string[], fallback = 'figure'): string {
  const name = parts
    .join('-')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/, '');
  return name || fallback;
}
