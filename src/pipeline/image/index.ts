/** Pure image utilities: tensors and latents to RGBA, heatmaps, PNG, labelled grids. */
export { solidImage, type RgbaImage } from './rgba-image.js';
export { tensorToRgba, unitRangeToByte } from './tensor-to-rgba.js';
export {
  SD1_LATENT_RGB_FACTORS,
  latentToRgbPreview,
  latentToRgbTensor,
  type LatentRgbFactors,
} from './latent-preview.js';
export { channelHeatmap, channelMagnitude, divergingColour, type HeatmapOptions } from './heatmap.js';
export { encodePng, type ZlibCompressor } from './png.js';
export { decodePng, PngDecodeError } from './png-decode.js';
export { crc32 } from './crc32.js';
export { zlibStore, adler32 } from './zlib-store.js';
export { scaleNearest } from './resize.js';
export { drawText, fillRect, measureText } from './text.js';
export { composeGrid, type GridLayout } from './grid.js';
export { encodeApng, MAX_APNG_FRAMES, type ApngOptions } from './apng.js';
export { composeSheet, fileNameOf, type SheetLayout, type SheetPanel, type PlacedPanel } from './sheet.js';
