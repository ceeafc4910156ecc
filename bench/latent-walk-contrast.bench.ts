// Why a seed walk interpolates the noise on an arc: the middle frame of a walk between two
// seeds on the shipped pocket model, started from the straight line (lerp) and from the arc
// (slerp), against the two end frames. Prints, per seed pair, the noise length at t = ½ over a
// draw's, and the decoded frame's contrast (standard deviation of its luminance, 0…255) and
// colourfulness (mean of max − min channel), and the middle/ends ratios in the same run.
// Run: npx tsx bench/latent-walk-contrast.bench.ts
import { loadModelInNode } from '../src/pipeline/model/node.js';
import { latentWalk } from '../src/pipeline/run/latent-walk.js';
import { decodeLatent } from '../src/pipeline/run/latent-images.js';
import { lerp, slerp, vectorNorm } from '../src/pipeline/math/slerp.js';
import type { RgbaImage } from '../src/pipeline/image/rgba-image.js';
import type { StepRecord } from '../src/pipeline/math/step-record.js';

const PROMPT = 'a sheep riding a motorcycle';
const PAIRS: [number, number][] = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12]];

function contrast(image: RgbaImage): { spread: number; colour: number } {
  const pixels = image.width * image.height;
  let sum = 0;
  let sumSquares = 0;
  let colour = 0;
  for (let i = 0; i < pixels; i++) {
    const [r, g, b] = [image.data[i * 4]!, image.data[i * 4 + 1]!, image.data[i * 4 + 2]!];
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += luminance;
    sumSquares += luminance * luminance;
    colour += Math.max(r, g, b) - Math.min(r, g, b);
  }
  const mean = sum / pixels;
  return { spread: Math.sqrt(sumSquares / pixels - mean * mean), colour: colour / pixels };
}

const model = await loadModelInNode('assets/models/pocket/');
const fmt = (value: number, digits = 1) => value.toFixed(digits).padStart(6);
console.log('pair    noise len ½ (lerp, slerp)   contrast: ends  lerp ½  slerp ½   colour: ends  lerp ½  slerp ½');
const ratios = { lerpSpread: [] as number[], slerpSpread: [] as number[], lerpColour: [] as number[], slerpColour: [] as number[] };
for (const [from, to] of PAIRS) {
  const figures: Record<string, ReturnType<typeof contrast>[]> = {};
  let lengths = { linear: 0, spherical: 0 };
  for (const interpolation of ['linear', 'spherical'] as const) {
    const run = latentWalk(model, { from: { prompt: PROMPT, seed: from }, to: { prompt: PROMPT, seed: to }, frames: 3, interpolation });
    let last: StepRecord[] = [];
    for await (const records of run) last = records;
    const info = await run.info;
    const reference = (vectorNorm(info.noiseFrom.data) + vectorNorm(info.noiseTo.data)) / 2;
    lengths = {
      ...lengths,
      [interpolation]: vectorNorm((interpolation === 'linear' ? lerp : slerp)(info.noiseFrom.data, info.noiseTo.data, 0.5)) / reference,
    };
    figures[interpolation] = await Promise.all(last.map(async (record) => contrast(await decodeLatent(model, record.latentOut))));
  }
  const ends = figures.spherical!;
  const endSpread = (ends[0]!.spread + ends[2]!.spread) / 2;
  const endColour = (ends[0]!.colour + ends[2]!.colour) / 2;
  const [lerpMid, slerpMid] = [figures.linear![1]!, figures.spherical![1]!];
  ratios.lerpSpread.push(lerpMid.spread / endSpread);
  ratios.slerpSpread.push(slerpMid.spread / endSpread);
  ratios.lerpColour.push(lerpMid.colour / endColour);
  ratios.slerpColour.push(slerpMid.colour / endColour);
  console.log(
    `${`${from}→${to}`.padEnd(6)}  ${fmt(lengths.linear, 3)} ${fmt(lengths.spherical, 3)}            ${fmt(endSpread)} ${fmt(lerpMid.spread)} ${fmt(slerpMid.spread)}           ${fmt(endColour)} ${fmt(lerpMid.colour)} ${fmt(slerpMid.colour)}`,
  );
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
console.log(`\nmiddle frame / ends, mean over ${PAIRS.length} pairs: contrast lerp ${mean(ratios.lerpSpread).toFixed(2)}, slerp ${mean(ratios.slerpSpread).toFixed(2)}; colour lerp ${mean(ratios.lerpColour).toFixed(2)}, slerp ${mean(ratios.slerpColour).toFixed(2)}`);
await model.dispose();
