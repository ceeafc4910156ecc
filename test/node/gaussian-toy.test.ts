import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../src/errors.js';
import { gaussianToyModel, type GaussianToyModel } from '../../src/pipeline/math/gaussian-toy.js';
import { createScheduler, SCHEDULER_NAMES } from '../../src/pipeline/math/schedulers/index.js';
import type { SchedulerClassName } from '../../src/pipeline/math/schedulers/types.js';
import { TorchGenerator } from '../../src/pipeline/math/torch-random.js';
import { runToySampling } from '../../src/pipeline/math/toy-sampling.js';

const MU = 0.7;
const S = 0.5;

interface Moments {
  mean: number;
  std: number;
}

function moments(values: ArrayLike<number>): Moments {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / (values.length - 1)) };
}

/** Sample covariance of two equally long arrays. */
function covariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = moments(a).mean;
  const mb = moments(b).mean;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - ma) * (b[i]! - mb);
  return sum / (a.length - 1);
}

/** Forward process draws: x₀ ~ N(μ, s²), ε ~ N(0, 1), x_t = √ᾱ·x₀ + √(1−ᾱ)·ε. */
function forwardSamples(model: GaussianToyModel, alphaCumprod: number, count: number, seed: number) {
  const generator = new TorchGenerator(seed);
  const original = model.dataFromNoise(generator.randn([count]));
  const noise = generator.randn([count]);
  const noisy = new Float32Array(count);
  for (let i = 0; i < count; i++) noisy[i] = Math.sqrt(alphaCumprod) * original[i]! + Math.sqrt(1 - alphaCumprod) * noise[i]!;
  return { original, noise, noisy };
}

test('the denoiser is the posterior mean: residuals are unbiased, orthogonal to x_t, with the posterior variance', () => {
  // For jointly Gaussian (x₀, x_t), f(x_t) = E[x₀ | x_t] exactly when the residual x₀ − f(x_t) has
  // mean 0 and is uncorrelated with x_t; its variance is then s²(1−ᾱ)/v. Checked by Monte Carlo
  // with 5-standard-error bounds (N = 65536 draws).
  const count = 65536;
  for (const alphaCumprod of [0.05, 0.5, 0.95]) {
    for (const predictionType of ['sample', 'epsilon'] as const) {
      const model = gaussianToyModel({ mean: MU, std: S, predictionType });
      const { original, noise, noisy } = forwardSamples(model, alphaCumprod, count, 11);
      const target = predictionType === 'sample' ? original : noise;
      const prediction = model.predict(noisy, alphaCumprod);
      const residual = target.map((value, i) => value - prediction[i]!);
      const total = alphaCumprod * S * S + 1 - alphaCumprod;
      const posteriorVariance = predictionType === 'sample' ? (S * S * (1 - alphaCumprod)) / total : (alphaCumprod * S * S) / total;
      const residualStd = Math.sqrt(posteriorVariance);
      const label = `${predictionType} at ᾱ=${alphaCumprod}`;
      const stats = moments(residual);
      assert.ok(Math.abs(stats.mean) < (5 * residualStd) / Math.sqrt(count), `${label}: residual mean ${stats.mean}`);
      // Var of a product of independent zero-mean terms is the product of variances.
      const xStd = Math.sqrt(total);
      assert.ok(Math.abs(covariance(residual, noisy)) < (5 * residualStd * xStd) / Math.sqrt(count), `${label}: not orthogonal`);
      assert.ok(Math.abs(stats.std - residualStd) < (5 * residualStd) / Math.sqrt(2 * count), `${label}: residual std ${stats.std} vs ${residualStd}`);
    }
  }
});

test('the three prediction types are one estimate: x_t = √ᾱ·x̂₀ + √(1−ᾱ)·ε̂ and v̂ = √ᾱ·ε̂ − √(1−ᾱ)·x̂₀', () => {
  const options = { mean: [0.3, -1, 2], std: [0.2, 1, 3] };
  const sample = new Float32Array([0.1, -0.4, 1.7]);
  const alphaCumprod = 0.37;
  const x0 = gaussianToyModel({ ...options, predictionType: 'sample' }).predict(sample, alphaCumprod);
  const eps = gaussianToyModel({ ...options, predictionType: 'epsilon' }).predict(sample, alphaCumprod);
  const v = gaussianToyModel({ ...options, predictionType: 'v_prediction' }).predict(sample, alphaCumprod);
  const a = Math.sqrt(alphaCumprod);
  const b = Math.sqrt(1 - alphaCumprod);
  for (let i = 0; i < sample.length; i++) {
    assert.ok(Math.abs(a * x0[i]! + b * eps[i]! - sample[i]!) < 1e-6);
    assert.ok(Math.abs(a * eps[i]! - b * x0[i]! - v[i]!) < 1e-6);
  }
});

test('limits: pure noise predicts the data mean, no noise returns the input', () => {
  const x0 = gaussianToyModel({ mean: [1, -2], std: 0.5, predictionType: 'sample' });
  assert.deepEqual([...x0.predict(new Float32Array([3, 4]), 0)], [1, -2]);
  assert.deepEqual([...x0.predict(new Float32Array([3, 4]), 1)], [3, 4]);
  const eps = gaussianToyModel({ mean: [1, -2], std: 0.5 });
  assert.deepEqual([...eps.predict(new Float32Array([3, 4]), 0)], [3, 4]);
});

test('the analytic marginal of x_t matches forward-process samples', () => {
  const model = gaussianToyModel({ mean: MU, std: S });
  const count = 65536;
  for (const alphaCumprod of [0, 0.3, 1]) {
    const expected = model.marginal(alphaCumprod);
    const observed = moments(forwardSamples(model, alphaCumprod, count, 5).noisy);
    assert.ok(Math.abs(observed.mean - expected.mean) < (5 * expected.std) / Math.sqrt(count), `mean at ᾱ=${alphaCumprod}`);
    assert.ok(Math.abs(observed.std - expected.std) < (5 * expected.std) / Math.sqrt(2 * count), `std at ᾱ=${alphaCumprod}`);
  }
  assert.deepEqual(model.marginal(1), { mean: MU, std: S });
});

test('bad options are typed errors naming the field', () => {
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof InvalidOptionError);
      return error.field;
    }
    return 'no error';
  };
  assert.equal(fieldOf(() => gaussianToyModel({ mean: Number.NaN, std: 1 })), 'mean');
  assert.equal(fieldOf(() => gaussianToyModel({ mean: [], std: 1 })), 'mean');
  assert.equal(fieldOf(() => gaussianToyModel({ mean: 0, std: 0 })), 'std');
  assert.equal(fieldOf(() => gaussianToyModel({ mean: 0, std: [1, -1] })), 'std');
  assert.equal(fieldOf(() => gaussianToyModel({ mean: 0, std: 1, predictionType: 'x0' as never })), 'predictionType');
  const model = gaussianToyModel({ mean: [0, 1], std: 1 });
  assert.equal(fieldOf(() => model.predict(new Float32Array(3), 0.5)), 'mean');
  assert.equal(fieldOf(() => model.predict(new Float32Array(2), 1.5)), 'alphaCumprod');
  assert.equal(fieldOf(() => model.predict(new Float32Array(2), Number.NaN)), 'alphaCumprod');
});

// ---- Sampling loops -------------------------------------------------------------------------
//
// Samplers of the DDIM family take x_t to x' = √ᾱ'·x̂₀ + √(1−ᾱ'−σ²)·ε̂ + σ·z. With this model
// x̂₀ and ε̂ are linear in x_t, so x' stays Gaussian and its mean and variance follow exactly:
// that is the theory the loops below are held to.
//   DDIM (η = 0) and Euler (the same update in σ-space):  σ = 0
//   DDPM and Euler ancestral (DDIM with η = 1):           σ² = (1−ᾱ')/(1−ᾱ)·(1 − ᾱ/ᾱ')
//   LCM with this denoiser (c_skip ≤ 1e-5 at every step):  σ² = 1−ᾱ', and the last step returns x̂₀

type Family = 'deterministic' | 'ancestral' | 'consistency';

/** Exact mean and std of the loop's output when x_T ~ N(0, 1) (zero terminal SNR: ᾱ_T = 0). */
function theoreticalOutput(family: Family, alphas: readonly number[]): Moments {
  let mean = 0;
  let variance = 1;
  for (let i = 0; i < alphas.length; i++) {
    const alpha = alphas[i]!;
    const total = alpha * S * S + 1 - alpha;
    const gainOriginal = (Math.sqrt(alpha) * S * S) / total;
    const gainNoise = Math.sqrt(1 - alpha) / total;
    const centred = mean - Math.sqrt(alpha) * MU;
    const isLast = i === alphas.length - 1;
    if (family === 'consistency' && isLast) return { mean: MU + gainOriginal * centred, std: gainOriginal * Math.sqrt(variance) };
    const next = isLast ? 1 : alphas[i + 1]!;
    const sigma2 =
      family === 'deterministic' ? 0 : family === 'consistency' ? 1 - next : Math.max(0, ((1 - next) / (1 - alpha)) * (1 - alpha / next));
    const gain = Math.sqrt(next) * gainOriginal + Math.sqrt(Math.max(0, 1 - next - sigma2)) * gainNoise;
    mean = Math.sqrt(next) * (MU + gainOriginal * centred) + Math.sqrt(Math.max(0, 1 - next - sigma2)) * gainNoise * centred;
    variance = gain * gain * variance + sigma2;
  }
  return { mean, std: Math.sqrt(variance) };
}

/** Least-squares fit output ≈ intercept + slope·z, and the largest residual. */
function affineFit(output: Float32Array, z: Float32Array) {
  const slope = covariance(output, z) / moments(z).std ** 2;
  const intercept = moments(output).mean - slope * moments(z).mean;
  let worst = 0;
  for (let i = 0; i < z.length; i++) worst = Math.max(worst, Math.abs(output[i]! - intercept - slope * z[i]!));
  return { slope, intercept, worst };
}

test('an inline DDIM loop on the toy model lands on the distribution theory predicts', () => {
  // Linear betas 1e-4…0.02 over 1000 steps, rescaled so ᾱ_T = 0, sampled at 50 evenly spaced steps.
  const alphasBar: number[] = [];
  let product = 1;
  for (let t = 0; t < 1000; t++) alphasBar.push((product *= 1 - (1e-4 + ((0.02 - 1e-4) * t) / 999)));
  const first = Math.sqrt(alphasBar[0]!);
  const last = Math.sqrt(alphasBar[999]!);
  const rescaled = alphasBar.map((a) => ((Math.sqrt(a) - last) * first) / (first - last)).map((root) => root * root);
  const timesteps = Array.from({ length: 50 }, (_, i) => 999 - i * 20);
  const alphas = timesteps.map((t) => rescaled[t]!);
  const model = gaussianToyModel({ mean: MU, std: S, predictionType: 'v_prediction' });
  const z = new TorchGenerator(3).randn([4096]);
  let x = Float32Array.from(z);
  for (let i = 0; i < alphas.length; i++) {
    const alpha = alphas[i]!;
    const next = i + 1 < alphas.length ? alphas[i + 1]! : 1;
    const v = model.predict(x, alpha);
    x = x.map((xt, k) => {
      const original = Math.sqrt(alpha) * xt - Math.sqrt(1 - alpha) * v[k]!;
      const noise = Math.sqrt(alpha) * v[k]! + Math.sqrt(1 - alpha) * xt;
      return Math.sqrt(next) * original + Math.sqrt(1 - next) * noise;
    });
  }
  const theory = theoreticalOutput('deterministic', alphas);
  const fit = affineFit(x, z);
  assert.ok(Math.abs(fit.slope - theory.std) < 1e-4, `gain ${fit.slope} vs ${theory.std}`);
  assert.ok(Math.abs(fit.intercept - theory.mean) < 1e-4, `offset ${fit.intercept} vs ${theory.mean}`);
  assert.ok(fit.worst < 1e-4, `not affine: ${fit.worst}`);
  // And theory itself converges: 50 first-order steps leave the std within 7% of s.
  assert.ok(Math.abs(theory.mean - MU) < 1e-3 && Math.abs(theory.std - S) < 0.07 * S, JSON.stringify(theory));
});

const FAMILY: Record<SchedulerClassName, Family | 'second-order'> = {
  DDPMScheduler: 'ancestral',
  DDIMScheduler: 'deterministic',
  EulerDiscreteScheduler: 'deterministic',
  EulerAncestralDiscreteScheduler: 'ancestral',
  DPMSolverMultistepScheduler: 'second-order',
  LCMScheduler: 'consistency',
};

test('every scheduler samples the toy model where theory says it lands', () => {
  // Stable Diffusion's betas rescaled to zero terminal SNR with trailing timesteps, so x_T ~ N(0, 1)
  // is exactly the noisy marginal and only the sampler's own error is left; v-prediction, because
  // ε-prediction cannot recover x̂₀ at ᾱ = 0.
  const count = 4096;
  const steps = 50;
  const base = {
    num_train_timesteps: 1000, beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear',
    prediction_type: 'v_prediction', rescale_betas_zero_snr: true, timestep_spacing: 'trailing',
  };
  const model = gaussianToyModel({ mean: MU, std: S, predictionType: 'v_prediction' });
  for (const name of SCHEDULER_NAMES) {
    const clip = name === 'DDPMScheduler' || name === 'DDIMScheduler' ? { clip_sample: false } : {};
    const scheduler = createScheduler({ _class_name: name, ...base, ...clip });
    const seed = 2024;
    const { plan, samples } = runToySampling(scheduler, model, { steps, count, seed });
    const sample = samples.at(-1)!;
    // The run's initial noise is the generator's first draw, scaled by init_noise_sigma.
    const z = new TorchGenerator(seed).randn([count]);
    const family = FAMILY[name];
    // DPM-Solver++(2M) is second order: it must do at least as well as first-order DDIM.
    const theory = theoreticalOutput(family === 'second-order' ? 'deterministic' : family, [...plan.alphasCumprod]);
    if (family === 'deterministic' || family === 'second-order') {
      // A deterministic loop is an affine map of z: compare the map itself, free of sampling error.
      const fit = affineFit(sample, z);
      assert.ok(fit.worst < 1e-3, `${name}: output is not an affine function of the noise (${fit.worst})`);
      if (family === 'deterministic') {
        assert.ok(Math.abs(fit.slope - theory.std) < 1e-3, `${name}: gain ${fit.slope}, theory ${theory.std}`);
        assert.ok(Math.abs(fit.intercept - theory.mean) < 1e-3, `${name}: offset ${fit.intercept}, theory ${theory.mean}`);
      } else {
        assert.ok(Math.abs(fit.slope - S) <= Math.abs(theory.std - S), `${name}: gain ${fit.slope} worse than DDIM's ${theory.std}`);
        assert.ok(Math.abs(fit.intercept - MU) < 1e-3, `${name}: offset ${fit.intercept}`);
      }
    } else {
      // Stochastic: the sample moments must match the exact output law within 5 standard errors.
      const observed = moments(sample);
      const meanTolerance = (5 * theory.std) / Math.sqrt(count);
      const stdTolerance = (5 * theory.std) / Math.sqrt(2 * count);
      assert.ok(Math.abs(observed.mean - theory.mean) < meanTolerance, `${name}: mean ${observed.mean}, theory ${theory.mean}`);
      assert.ok(Math.abs(observed.std - theory.std) < stdTolerance, `${name}: std ${observed.std}, theory ${theory.std}`);
    }
  }
});
