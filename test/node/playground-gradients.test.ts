import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siluBackward, siluForward } from '../../src/playground/activation.js';
import { embeddingBackward, embeddingForward } from '../../src/playground/class-embedding.js';
import { linearBackward, linearForward } from '../../src/playground/linear.js';
import { createMlp } from '../../src/playground/mlp-layout.js';
import { createWorkspace, mlpBackward, mlpForward } from '../../src/playground/mlp.js';
import { PlaygroundRandom } from '../../src/playground/random.js';
import { noisePredictionLoss } from '../../src/playground/trainer.js';

// Every layer's hand-written backward pass against central finite differences of a scalar
// loss L = Σ r·output (r random), so each output contributes with its own weight.

const random = new PlaygroundRandom(42);
const normals = (n: number, scale = 1) => random.fillNormal(new Float32Array(n)).map((v) => v * scale);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

/** Central difference of `loss` with respect to `values[index]` (restored afterwards). */
function numericGradient(values: Float32Array, index: number, loss: () => number, step = 1e-2): number {
  const original = values[index]!;
  values[index] = original + step;
  const plus = loss();
  values[index] = original - step;
  const minus = loss();
  values[index] = original;
  // The perturbation actually applied, after float32 rounding.
  return (plus - minus) / (Math.fround(original + step) - Math.fround(original - step));
}

function assertGradientsMatch(name: string, values: Float32Array, analytic: Float32Array, loss: () => number): void {
  for (let index = 0; index < values.length; index++) {
    const numeric = numericGradient(values, index, loss);
    const tolerance = 2e-3 + 2e-3 * Math.abs(numeric);
    assert.ok(
      Math.abs(analytic[index]! - numeric) <= tolerance,
      `${name}[${index}]: backprop ${analytic[index]} vs finite difference ${numeric}`,
    );
  }
}

test('linear layer: weight, bias and input gradients match finite differences', () => {
  const shape = { inputs: 5, outputs: 4 };
  const batch = 3;
  const input = normals(batch * 5);
  const weight = normals(20, 0.5);
  const bias = normals(4, 0.5);
  const upstream = normals(batch * 4);
  const output = new Float32Array(batch * 4);
  const loss = () => {
    linearForward(shape, batch, input, weight, bias, output);
    return dot(output, upstream);
  };
  const gradWeight = new Float32Array(20);
  const gradBias = new Float32Array(4);
  const gradInput = new Float32Array(batch * 5);
  linearBackward(shape, batch, input, weight, upstream, gradWeight, gradBias, gradInput);
  assertGradientsMatch('weight', weight, gradWeight, loss);
  assertGradientsMatch('bias', bias, gradBias, loss);
  assertGradientsMatch('input', input, gradInput, loss);
});

test('SiLU: input gradient matches finite differences, including near 0 and in the tails', () => {
  const input = new Float32Array([-6, -2.5, -1, -0.1, 0, 0.1, 1, 2.5, 6]);
  const upstream = normals(input.length);
  const output = new Float32Array(input.length);
  const loss = () => {
    siluForward(input.length, input, output);
    return dot(output, upstream);
  };
  const gradInput = new Float32Array(input.length);
  siluBackward(input.length, input, upstream, gradInput);
  assertGradientsMatch('input', input, gradInput, loss);
});

test('class embedding: table gradient matches finite differences, repeated labels accumulate', () => {
  const width = 3;
  const labels = new Int32Array([0, 2, 0, 1]);
  const table = normals(3 * width);
  const stride = 5;
  const column = 2;
  const target = new Float32Array(labels.length * stride);
  const upstream = normals(target.length);
  const loss = () => {
    embeddingForward(labels.length, width, labels, table, target, stride, column);
    return dot(target, upstream);
  };
  const gradTable = new Float32Array(table.length);
  embeddingBackward(labels.length, width, labels, upstream, stride, column, gradTable);
  assertGradientsMatch('table', table, gradTable, loss);
});

test('whole conditional MLP with its loss: every parameter gradient matches finite differences', () => {
  const model = createMlp({ hidden: 6, blocks: 2, positionFrequencies: 2, timeEmbedding: 4, classCount: 2, classEmbedding: 3 }, 7);
  // Larger random weights than the initialisation so every SiLU works off its linear part.
  model.parameters.set(normals(model.parameters.length, 0.6));
  const batch = 4;
  const workspace = createWorkspace(model, batch);
  const points = normals(batch * 2);
  const timesteps = new Float32Array([0, 15, 400, 999]);
  const labels = new Int32Array([0, 1, 2, 1]); // 2 = "no label"
  const noise = normals(batch * 2);
  const gradOutput = new Float32Array(batch * 2);
  const loss = () => noisePredictionLoss(mlpForward(model, workspace, batch, points, timesteps, labels), noise, batch * 2, gradOutput);
  loss();
  const gradients = new Float32Array(model.parameters.length);
  mlpBackward(model, workspace, batch, labels, gradOutput, gradients);
  assert.ok(gradients.some((g) => g !== 0));
  assertGradientsMatch('parameters', model.parameters, gradients, loss);
});
