// The scheduler comparison on the SD 1.5 fixture: every column starts from the seed's one noise
// draw and is exactly the run `generate` makes with its sampler and step count.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { TorchGenerator } from '../../src/pipeline/math/torch-random.js';
import { schedulerSweep, sigmaSchedules, type SchedulerColumnRequest } from '../../src/pipeline/run/scheduler-sweep.js';
import type { StepRecord } from '../../src/pipeline/math/step-record.js';
import { InvalidOptionError } from '../../src/errors.js';

const base = { prompt: 'a sheep riding a motorcycle', seed: 42, guidanceScale: 3, width: 64, height: 64 };
const columns: SchedulerColumnRequest[] = [
  { scheduler: 'ddim', steps: 3 },
  { scheduler: 'euler', steps: 2 },
  { scheduler: 'euler-a', steps: 2 },
  { scheduler: 'dpm++2m', steps: 3 },
  { scheduler: 'lcm', steps: 2 },
  { scheduler: 'ddpm', steps: 2 },
];

const bytes = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

describe('schedulerSweep() on the SD 1.5 fixture', () => {
  let model: DiffusionModel;
  before(async () => {
    model = await loadModelInNode('test/fixtures/models/sd15');
  });
  after(async () => {
    await model?.dispose();
  });

  test('every column starts from the seed’s noise and matches generate() with its sampler', async () => {
    const run = schedulerSweep(model, { ...base, columns });
    const byColumn: StepRecord[][] = columns.map(() => []);
    for await (const { column, record } of run) byColumn[column]!.push(record);
    const info = await run.info;
    const noise = new TorchGenerator(42n).randn(info.latentShape);
    assert.deepEqual(bytes(info.noise.data), bytes(noise));
    for (const [i, column] of info.columns.entries()) {
      const sigma = Math.fround(column.plan.initNoiseSigma);
      const expected = Float32Array.from(noise, (value) => (sigma === 1 ? value : Math.fround(value * sigma)));
      assert.deepEqual(bytes(byColumn[i]![0]!.latentIn.data), bytes(expected), `column ${i} starts from σ_init × the seed's noise`);
      assert.equal(byColumn[i]!.length, columns[i]!.steps);
      const alone = await generateAll(model, { ...base, scheduler: columns[i]!.scheduler, steps: columns[i]!.steps });
      assert.deepEqual(bytes(byColumn[i]!.at(-1)!.latentOut.data), bytes(alone.steps.at(-1)!.latentOut.data), `column ${i} (${column.schedulerClass}) is generate()'s run`);
    }
    assert.deepEqual(info.columns.map((c) => c.schedulerClass), ['DDIMScheduler', 'EulerDiscreteScheduler', 'EulerAncestralDiscreteScheduler', 'DPMSolverMultistepScheduler', 'LCMScheduler', 'DDPMScheduler']);
    // Samplers with initial σ 1 start from byte-identical latents.
    const unit = info.columns.filter((c) => c.plan.initNoiseSigma === 1);
    assert.ok(unit.length >= 3);
    for (const column of unit) assert.deepEqual(bytes(column.initialLatent.data), bytes(noise));
  });

  test('σ schedules line up by the share of the run done, ending at σ = 0', async () => {
    const run = schedulerSweep(model, { ...base, columns: [{ scheduler: 'ddim', steps: 4 }, { scheduler: 'dpm++2m-karras', steps: 2 }] });
    const info = await new Promise<Awaited<typeof run.info>>((resolve, reject) => {
      const iterator = run[Symbol.asyncIterator]();
      iterator.next().then(() => run.info.then(resolve), reject);
    });
    const series = sigmaSchedules(info.columns.map((column, i) => ({ label: `c${i}`, sigmas: column.plan.sigmas })));
    assert.deepEqual(Array.from(series[0]!.progress), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(Array.from(series[1]!.progress), [0, 0.5, 1]);
    for (const s of series) {
      assert.equal(s.sigma.at(-1), 0);
      for (let i = 1; i < s.sigma.length; i++) assert.ok(s.sigma[i]! < s.sigma[i - 1]!, 'σ falls');
    }
  });

  test('bad columns are typed errors naming the column', async () => {
    const cases: [unknown, string][] = [
      [[], 'columns'],
      [[{ scheduler: 'ddim', steps: 2 }, { scheduler: 'warp', steps: 2 }], 'columns[1].scheduler'],
      [[{ scheduler: 'ddim', steps: 0 }], 'columns[0].steps'],
      [[{ scheduler: 'euler', steps: 2.5 }], 'columns[0].steps'],
    ];
    for (const [bad, field] of cases) {
      const run = schedulerSweep(model, { ...base, columns: bad as SchedulerColumnRequest[] });
      await assert.rejects(
        async () => {
          for await (const _ of run) void _;
        },
        (error: unknown) => error instanceof InvalidOptionError && error.field === field,
        field,
      );
      await assert.rejects(run.info);
    }
  });
});
