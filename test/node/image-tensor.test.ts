import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tensorToRgba, unitRangeToByte } from '../../src/pipeline/image/tensor-to-rgba.js';
import {
  SD1_LATENT_RGB_FACTORS,
  latentToRgbPreview,
  latentToRgbTensor,
} from '../../src/pipeline/image/latent-preview.js';
import { channelHeatmap, divergingColour } from '../../src/pipeline/image/heatmap.js';
import { LatentExplorablesError, InvalidOptionError } from '../../src/errors.js';

const pixel = (data: Uint8ClampedArray, index: number): number[] => [...data.subarray(index * 4, index * 4 + 4)];

describe('tensor to RGBA', () => {
  it('maps [-1, 1] to bytes, clamping outside and rounding to nearest', () => {
    assert.deepEqual([-2, -1, -0.999, 0, 0.5, 1, 3, NaN].map(unitRangeToByte).slice(0, 7), [0, 0, 0, 128, 191, 255, 255]);
  });

  it('reads NCHW planes as R, G and B for the chosen batch item', () => {
    // batch 2, 3 channels, 1×2 pixels; item 1 is the interesting one.
    const data = Float32Array.of(0, 0, 0, 0, 0, 0, /* item 1 */ -1, 1, 0, 0.5, 1, -1);
    const image = tensorToRgba({ data, shape: [2, 3, 1, 2] }, { batch: 1 });
    assert.equal(image.width, 2);
    assert.equal(image.height, 1);
    assert.deepEqual(pixel(image.data, 0), [0, 128, 255, 255]);
    assert.deepEqual(pixel(image.data, 1), [255, 191, 0, 255]);
  });

  it('draws one channel as grey and refuses other shapes by name', () => {
    const image = tensorToRgba({ data: Float32Array.of(1, -1), shape: [1, 1, 2, 1] });
    assert.deepEqual(pixel(image.data, 1), [0, 0, 0, 255]);
    assert.throws(() => tensorToRgba({ data: new Float32Array(4), shape: [1, 4] }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'image');
    assert.throws(() => tensorToRgba({ data: new Float32Array(4), shape: [1, 2, 1, 2] }), InvalidOptionError);
    assert.throws(() => tensorToRgba({ data: new Float32Array(3), shape: [1, 3, 1, 1] }, { batch: 1 }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'batch');
  });
});

describe('latent to RGB preview', () => {
  it('applies the factors per pixel: rgb = latent · W + b', () => {
    const factors = { weights: Float32Array.of(1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 1, 1), bias: Float32Array.of(0.1, 0.2, 0.3) };
    // 4 channels, one pixel: latent = (0.5, 0.25, -0.1, 0.2)
    const rgb = latentToRgbTensor({ data: Float32Array.of(0.5, 0.25, -0.1, 0.2), shape: [1, 4, 1, 1] }, factors);
    assert.deepEqual(rgb.shape, [1, 3, 1, 1]);
    const expected = [0.5 + 0.2 + 0.1, 0.5 + 0.2 + 0.2, -0.3 + 0.2 + 0.3];
    rgb.data.forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) < 1e-6, `${value} vs ${expected[i]}`));
  });

  it('uses the published SD 1.x factors, one row per channel', () => {
    const latent = { data: Float32Array.of(0, 0, 0, 0, 1, 1, 0, 0), shape: [1, 4, 1, 2] };
    const image = latentToRgbPreview(latent, SD1_LATENT_RGB_FACTORS);
    assert.equal(image.width, 2);
    // Channel 2 only: its row of the factors → bytes.
    const row = [...SD1_LATENT_RGB_FACTORS.weights.subarray(6, 9)].map(unitRangeToByte);
    assert.deepEqual(pixel(image.data, 0), [...row, 255]);
  });

  it('refuses a latent whose channel count does not match the factors', () => {
    assert.throws(() => latentToRgbPreview({ data: new Float32Array(3), shape: [1, 3, 1, 1] }, SD1_LATENT_RGB_FACTORS), LatentExplorablesError);
  });
});

describe('channel heatmaps', () => {
  it('colours sign and size with a diverging scale', () => {
    assert.deepEqual(divergingColour(0), [247, 247, 247]);
    assert.deepEqual(divergingColour(-1), [33, 102, 172]);
    assert.deepEqual(divergingColour(5), [178, 24, 43]);
    assert.deepEqual(divergingColour(NaN), [247, 247, 247]);
  });

  it('scales each channel by its own largest magnitude unless a range is given', () => {
    // 2 channels of 1×3; channel 1 = (-2, 0, 1)
    const tensor = { data: Float32Array.of(9, 9, 9, -2, 0, 1), shape: [1, 2, 1, 3] };
    const map = channelHeatmap(tensor, 1);
    assert.deepEqual(pixel(map.data, 0), [33, 102, 172, 255]);
    assert.deepEqual(pixel(map.data, 1), [247, 247, 247, 255]);
    assert.deepEqual(pixel(map.data, 2), [...divergingColour(0.5), 255]);
    const fixed = channelHeatmap(tensor, 1, { range: 4 });
    assert.deepEqual(pixel(fixed.data, 0), [...divergingColour(-0.5), 255]);
    assert.throws(() => channelHeatmap(tensor, 2), (e: unknown) => e instanceof InvalidOptionError && e.field === 'channel');
    assert.throws(() => channelHeatmap(tensor, 0, { range: NaN }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'range');
  });
});
