import { html, type TemplateResult } from 'lit';
import { encodeApngAsync, encodePngAsync } from '../../../pipeline/image/apng.js';
import { composeSheet, fileNameOf, type PlacedPanel, type SheetLayout } from '../../../pipeline/image/sheet.js';
import type { RgbaImage } from '../../../pipeline/image/rgba-image.js';
import { zlibStore } from '../../../pipeline/image/zlib-store.js';

/** A picture a figure can save: the file's bytes and name, its size, and where each panel is in it. */
export interface SavedImage {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
  /** Where each panel's picture is (in the figure's order); for an animation, in every frame. */
  readonly placed: readonly PlacedPanel[];
  /** Frames in the file (1 for a still PNG). */
  readonly frames: number;
}

/** Deflate (zlib format) with the browser's CompressionStream; stored blocks where there is none. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream === 'undefined') return zlibStore(bytes);
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => (bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes));

/** Composes `layout` and encodes it as a PNG named from `nameParts`. */
export async function savedSheet(layout: SheetLayout, nameParts: readonly string[]): Promise<SavedImage> {
  const { image, placed } = composeSheet(layout);
  const bytes = await encodePngAsync(image, deflate);
  return { bytes: own(bytes), fileName: `${fileNameOf(nameParts)}.png`, width: image.width, height: image.height, placed, frames: 1 };
}

/** Composes one sheet per frame (same layout, so the same size) and encodes them as an animated PNG. */
export async function savedAnimation(layouts: readonly SheetLayout[], nameParts: readonly string[], delayMs: number): Promise<SavedImage> {
  const sheets = layouts.map((layout) => composeSheet(layout));
  const frames: RgbaImage[] = sheets.map((sheet) => sheet.image);
  const bytes = await encodeApngAsync(frames, { delayMs: frames.map((_, i) => (i === frames.length - 1 ? delayMs * 8 : delayMs)), compress: deflate });
  const first = sheets[0]!;
  return { bytes: own(bytes), fileName: `${fileNameOf(nameParts)}.png`, width: first.image.width, height: first.image.height, placed: first.placed, frames: frames.length };
}

/** Offers `bytes` to the reader as a download named `fileName`. */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A save button (`class` names it for tests and styles). */
export function renderSaveButton(label: string, className: string, disabled: boolean, onSave: () => void): TemplateResult {
  return html`<button type="button" class=${`save-image ${className}`} part="save" ?disabled=${disabled} @click=${onSave}>${label}</button>`;
}
