import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { createNodeBackend } from '../../src/pipeline/io/node-backend.js';
import type { OnnxBackend } from '../../src/pipeline/io/backend.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { generate, generateAll } from '../../src/pipeline/run/generate.js';
import { encodePrompts } from '../../src/pipeline/run/text-conditioning.js';
import { guidanceSweep, seedSweep } from '../../src/pipeline/run/sweeps.js';
import type { StepRecord } from '../../src/pipeline/math/step-record.js';
import { AbortError, InvalidOptionError } from '../../src/errors.js';
import type { GenerateOptions } from '../../src/pipeline/run/generate-options.js';

/** A Node backend that records the dims of every UNet feed. */
function spyingBackend(unetBatches: number[][]): OnnxBackend {
  const inner = createNodeBackend();
  return {
    ...inner,
    async createSession(bytes, request) {
      const session = await inner.createSession(bytes, request);
      if (request.label !== 'unet') return session;
      return {
        ...session,
        release: session.release.bind(session),
        async run(feeds) {
          unetBatches.push([...feeds['sample']!.dims]);
          return session.run(feeds);
        },
      };
    },
  };
}

const base: GenerateOptions = { prompt: 'a sheep riding a motorcycle', seed: 42, steps: 3, width: 64, height: 64 };

describe('generate() on the SD 1.5 fixture in Node', () => {
  let model: DiffusionModel;
  const unetFeeds: number[][] = [];
  before(async () => {
    model = await loadModelInNode('test/fixtures/models/sd15', { backend: spyingBackend(unetFeeds) });
  });
  after(() => model.dispose());

  test('yields one record per step, chained latents, torch noise, DDIM standing in for PNDM', async () => {
    unetFeeds.length = 0;
    const { info, steps } = await generateAll(model, { ...base, guidanceScale: 7.5 });
    assert.equal(steps.length, 3);
    assert.equal(info.schedulerReplaced, 'PNDMScheduler');
    assert.equal(info.schedulerClass, 'DDIMScheduler');
    assert.deepEqual(info.latentShape, [1, 4, 8, 8]);
    // torch.randn([1,4,8,8], generator=torch.Generator().manual_seed(42)), DDIM's initial σ is 1.
    assert.deepEqual(Array.from(info.initialLatent.data.subarray(0, 4)), [1.9269152879714966, 1.4872840642929077, 0.9007171988487244, -2.1055209636688232].map(Math.fround));
    assert.deepEqual(steps[0]!.latentIn.data, info.initialLatent.data);
    for (let i = 1; i < steps.length; i++) assert.deepEqual(steps[i]!.latentIn.data, steps[i - 1]!.latentOut.data);
    assert.ok(steps.every((s) => s.latentOut.data.every(Number.isFinite)));
    assert.deepEqual(steps.map((s) => s.index), [0, 1, 2]);
    assert.ok(steps[0]!.timestep > steps[2]!.timestep);
    assert.notEqual(steps[0]!.latentOut.data, steps[1]!.latentIn.data, 'records hold their own arrays');
    // Guidance: one batched UNet call per step with the uncond and cond rows.
    assert.deepEqual(unetFeeds, [[2, 4, 8, 8], [2, 4, 8, 8], [2, 4, 8, 8]]);
    const s = steps[1]!;
    const i = 17;
    const expected = s.noisePredUncond!.data[i]! + 7.5 * (s.noisePredCond.data[i]! - s.noisePredUncond!.data[i]!);
    assert.ok(Math.abs(s.noisePred.data[i]! - expected) < 1e-5);
  });

  test('guidance ≤ 1 runs one row per step and records no unconditional prediction', async () => {
    unetFeeds.length = 0;
    const { steps } = await generateAll(model, { ...base, guidanceScale: 1 });
    assert.equal(steps[0]!.noisePredUncond, null);
    assert.deepEqual(unetFeeds[0], [1, 4, 8, 8]);
  });

  test('same seed gives the same run; another seed a different one; prompts matter', async () => {
    const a = (await generateAll(model, base)).steps.at(-1)!.latentOut.data;
    const b = (await generateAll(model, base)).steps.at(-1)!.latentOut.data;
    const c = (await generateAll(model, { ...base, seed: 43 })).steps.at(-1)!.latentOut.data;
    const d = (await generateAll(model, { ...base, prompt: 'a red cat' })).steps.at(-1)!.latentOut.data;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.notDeepEqual(a, d);
  });

  test('a stochastic scheduler (euler-a) draws from the seeded generator: reproducible, seed-dependent', async () => {
    const run = (seed: number) => generateAll(model, { ...base, seed, scheduler: 'euler-a', guidanceScale: 1 });
    const [a, b] = [await run(5), await run(5)];
    assert.equal(a.info.schedulerClass, 'EulerAncestralDiscreteScheduler');
    assert.deepEqual(a.steps.at(-1)!.latentOut.data, b.steps.at(-1)!.latentOut.data);
  });

  test('encoderHiddenStates: starting from a prompt\'s own states reproduces the prompt\'s run', async () => {
    const [encoded] = await encodePrompts(model, ['a red cat']);
    const fromText = await generateAll(model, { ...base, prompt: 'a red cat' });
    const fromStates = await generateAll(model, { ...base, prompt: 'blend', encoderHiddenStates: encoded!.states });
    assert.equal(fromStates.info.promptTokens, null);
    assert.deepEqual(fromStates.steps.at(-1)!.latentOut.data, fromText.steps.at(-1)!.latentOut.data);
  });

  test('abort stops the run with AbortError at the next step, and the model keeps working', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const step of generate(model, { ...base, steps: 5, signal: controller.signal })) {
          seen.push(step.index);
          if (step.index === 1) controller.abort();
        }
      })(),
      AbortError,
    );
    assert.deepEqual(seen, [0, 1]);
    assert.equal((await generateAll(model, base)).steps.length, 3);
  });

  test('an empty prompt is valid; a long prompt is truncated and says so', async () => {
    const empty = await generateAll(model, { ...base, prompt: '', steps: 1 });
    assert.equal(empty.info.promptTokens!.tokenCount, 2);
    const long = await generateAll(model, { ...base, prompt: 'a sheep on a road '.repeat(30), steps: 1 });
    assert.equal(long.info.promptTokens!.truncated, true);
    assert.ok(long.info.promptTokens!.droppedTokens > 0);
  });

  test('a guidance sweep batches every cell into one UNet call per step and matches single runs', async () => {
    unetFeeds.length = 0;
    const run = guidanceSweep(model, { ...base, seed: 42, guidanceScales: [1, 3, 7.5] });
    const steps: StepRecord[][] = [];
    for await (const cells of run) steps.push(cells);
    assert.equal(steps.length, 3);
    assert.deepEqual(unetFeeds[0], [5, 4, 8, 8], 'cond for s=1, uncond+cond for s=3 and s=7.5');
    assert.equal(unetFeeds.length, 3);
    assert.deepEqual((await run.info).cells.map((c) => c.guidanceScale), [1, 3, 7.5]);
    for (const [i, scale] of [1, 3, 7.5].entries()) {
      const single = (await generateAll(model, { ...base, guidanceScale: scale })).steps.at(-1)!.latentOut.data;
      const cell = steps.at(-1)![i]!.latentOut.data;
      assert.ok(single.every((v, k) => Math.abs(v - cell[k]!) < 1e-4), `scale ${scale}`);
    }
  });

  test('a seed sweep shares the text encoding; each cell matches its single stochastic run', async () => {
    const run = seedSweep(model, { ...base, seeds: [1, 2], guidanceScale: 1, scheduler: 'euler-a', maxBatch: 1 });
    let last: StepRecord[] = [];
    for await (const cells of run) last = cells;
    for (const [i, seed] of [1, 2].entries()) {
      const single = (await generateAll(model, { ...base, seed, guidanceScale: 1, scheduler: 'euler-a' })).steps.at(-1)!.latentOut.data;
      assert.deepEqual(last[i]!.latentOut.data, single);
    }
    await assert.rejects(
      (async () => {
        for await (const _ of seedSweep(model, { ...base, seeds: [1, -2] })) void _;
      })(),
      (e: unknown) => e instanceof InvalidOptionError && e.field === 'seeds[1]',
    );
  });

  test('every bad option is an InvalidOptionError naming the field', async () => {
    const cases: [Partial<GenerateOptions> & Record<string, unknown>, string][] = [
      [{ seed: -1 }, 'seed'],
      [{ seed: 1.5 }, 'seed'],
      [{ seed: 2n ** 64n }, 'seed'],
      [{ seed: 'forty-two' }, 'seed'],
      [{ guidanceScale: -1 }, 'guidanceScale'],
      [{ guidanceScale: Number.NaN }, 'guidanceScale'],
      [{ guidanceScale: Number.POSITIVE_INFINITY }, 'guidanceScale'],
      [{ steps: 0 }, 'steps'],
      [{ steps: 1001 }, 'steps'],
      [{ steps: 2.5 }, 'steps'],
      [{ width: 60 }, 'width'],
      [{ height: 0 }, 'height'],
      [{ prompt: 42 as unknown as string }, 'prompt'],
      [{ negativePrompt: null as unknown as string }, 'negativePrompt'],
      [{ scheduler: 'nope' }, 'scheduler'],
      [{ encoderHiddenStates: { data: new Float32Array(3), shape: [1, 3] } }, 'encoderHiddenStates'],
    ];
    for (const [bad, field] of cases) {
      await assert.rejects(generateAll(model, { ...base, ...bad } as GenerateOptions), (error: unknown) => {
        assert.ok(error instanceof InvalidOptionError, `${field}: ${String(error)}`);
        assert.equal(error.field, field);
        return true;
      });
    }
  });
});

test('the fp16 SD-Turbo fixture runs end to end (float16 I/O, Euler trailing, no guidance)', async () => {
  const model = await loadModelInNode('test/fixtures/models/sd-turbo-fp16');
  try {
    const { info, steps } = await generateAll(model, { ...base, steps: 1, guidanceScale: 0 });
    assert.equal(info.schedulerClass, 'EulerDiscreteScheduler');
    assert.equal(steps[0]!.timestep, 999);
    assert.ok(steps[0]!.latentOut.data.every(Number.isFinite));
    await model.dispose();
    await assert.rejects(generateAll(model, base), (e: unknown) => e instanceof InvalidOptionError && e.field === 'model');
  } finally {
    await model.dispose();
  }
});
