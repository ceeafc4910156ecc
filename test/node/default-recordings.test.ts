import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { readTrajectoryFile } from '../../src/pipeline/trajectory/node.js';
import { latentWalk } from '../../src/pipeline/run/latent-walk.js';
import type { StepRecord } from '../../src/pipeline/math/step-record.js';
import { recordedWalkFrames } from '../../src/pipeline/run/walk-recording.js';
import { DEFAULT_RUNS, DEFAULT_WALK } from '../../src/components/shared/default-recordings.js';

// The figures open on these recordings before any model loads, so they must show exactly what
// the shipped model draws for the same settings. When the model (or the recording format)
// changes, this fails until the recordings are made again.
const FOLDER = 'assets/recordings';
const REBUILD = 'run `npm run build:recordings`';
/** float16 storage keeps ~3 significant digits; latents stay within ±5. */
const TOLERANCE = 0.02;

function maxDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i += 1) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('the shipped recordings of the default runs', () => {
  let model: DiffusionModel;
  before(async () => {
    model = await loadModelInNode('assets/models/pocket');
  });
  after(() => model.dispose());

  test('every default run has its recording, and nothing else is in the folder', () => {
    const expected = [...Object.values(DEFAULT_RUNS).map((run) => run.file), DEFAULT_WALK.file].sort();
    for (const file of expected) assert.ok(existsSync(`${FOLDER}/${file}`), `${FOLDER}/${file} is missing: ${REBUILD}`);
    assert.deepEqual(readdirSync(FOLDER).filter((name) => name.endsWith('.lxt')).sort(), expected, `stray recordings in ${FOLDER}: ${REBUILD}`);
  });

  for (const [name, run] of Object.entries(DEFAULT_RUNS)) {
    test(`${run.file} (${name}) is what the shipped model draws for its settings`, async () => {
      const recording = await readTrajectoryFile(`${FOLDER}/${run.file}`);
      const { header } = recording;
      const stale = `${run.file} was made with other settings: ${REBUILD}`;
      assert.equal(header.prompt, run.prompt, stale);
      assert.equal(header.seed, run.seed, stale);
      assert.equal(header.settings.guidanceScale, run.guidance, stale);
      assert.equal(header.settings.steps, run.steps, stale);
      const { steps: live } = await generateAll(model, {
        prompt: run.prompt,
        seed: BigInt(run.seed),
        guidanceScale: run.guidance,
        steps: run.steps,
        ...(run.scheduler ? { scheduler: run.scheduler } : {}),
      });
      // Grid cells show the finished picture only: their files keep that one (a smaller package).
      const pictured = recording.steps.map((step) => step.decodedImage !== undefined);
      const expected = live.map((_, i) => run.pictures === 'all' || i === live.length - 1);
      assert.deepEqual(pictured, expected, `${run.file} should store ${run.pictures === 'all' ? 'every' : 'only the last'} step's picture: ${REBUILD}`);
      assert.equal(recording.steps.length, live.length, stale);
      for (const [i, step] of live.entries()) {
        const recorded = recording.steps[i]!;
        assert.equal(recorded.timestep, step.timestep, stale);
        const difference = maxDifference(recorded.latentOut.data, step.latentOut.data);
        assert.ok(difference <= TOLERANCE, `${run.file} step ${i + 1}: latents differ by ${difference.toFixed(4)} from the model's: ${REBUILD}`);
      }
    });
  }

  test(`${DEFAULT_WALK.file} (lx-latent-walk) is the shipped model's walk: each frame's last step and final picture`, async () => {
    const walk = DEFAULT_WALK;
    const recording = await readTrajectoryFile(`${FOLDER}/${walk.file}`);
    const { header } = recording;
    const stale = `${walk.file} was made with other settings: ${REBUILD}`;
    assert.equal(header.prompt, walk.prompt, stale);
    assert.equal(header.seed, walk.seed, stale);
    assert.equal(header.settings.guidanceScale, walk.guidance, stale);
    assert.equal(header.settings.steps, walk.frames, `${stale} (one recorded step per frame)`);
    const frames = recordedWalkFrames(recording, walk.steps);
    assert.ok(
      frames.every((frame) => frame.image?.width === header.settings.width),
      `every frame keeps its final picture: ${REBUILD}`,
    );
    assert.ok(recording.previews.every((preview) => preview === null), `no raw previews besides (a smaller file): ${REBUILD}`);
    const run = latentWalk(model, {
      from: { prompt: walk.prompt, seed: BigInt(walk.seed) },
      to: { prompt: walk.prompt, seed: BigInt(walk.toSeed) },
      frames: walk.frames,
      steps: walk.steps,
      guidanceScale: walk.guidance,
    });
    let last: StepRecord[] = [];
    for await (const records of run) last = records;
    assert.equal(last.length, frames.length, stale);
    for (const [i, live] of last.entries()) {
      const recorded = frames[i]!.last;
      assert.equal(recorded.timestep, live.timestep, stale);
      assert.equal(recorded.index, live.index, 'renumbered as the live walk’s last step');
      const difference = maxDifference(recorded.latentOut.data, live.latentOut.data);
      assert.ok(difference <= TOLERANCE, `${walk.file} frame ${i + 1}: latents differ by ${difference.toFixed(4)} from the model's: ${REBUILD}`);
    }
  });
});
