import { siluBackward, siluForward } from './activation.js';
import { embeddingBackward, embeddingForward } from './class-embedding.js';
import { linearBackward, linearForward } from './linear.js';
import { layerViews, type Mlp } from './mlp-layout.js';
import { embedPosition } from './position-embedding.js';
import { embedTimestep } from './timestep-embedding.js';

/**
 * Forward and backward passes of the noise-predicting MLP:
 *   input = [fourier(x, y), embed(t), class(label)] → h₀ = silu(W₀·input)
 *   h_k = h_{k−1} + silu(W_k·h_{k−1})  (residual blocks)
 *   ε̂ = W_out·h_last
 * Buffers are allocated once per batch capacity and reused, so a training step allocates nothing.
 */

/** Reusable buffers for batches of up to `capacity` rows. */
export interface MlpWorkspace {
  readonly capacity: number;
  readonly input: Float32Array;
  /** Pre-activations of the first layer and of each block. */
  readonly preActivations: Float32Array[];
  /** Hidden state after the first layer and after each block. */
  readonly hidden: Float32Array[];
  readonly output: Float32Array;
  readonly gradHidden: Float32Array;
  readonly gradPre: Float32Array;
  readonly gradFromLayer: Float32Array;
  readonly gradInput: Float32Array;
  readonly activation: Float32Array;
}

/** Allocates buffers for batches of up to `capacity` rows. */
export function createWorkspace(model: Mlp, capacity: number): MlpWorkspace {
  const { hidden, blocks } = model.config;
  const rows = (width: number) => new Float32Array(capacity * width);
  return {
    capacity,
    input: rows(model.layout.inputWidth),
    preActivations: Array.from({ length: blocks + 1 }, () => rows(hidden)),
    hidden: Array.from({ length: blocks + 1 }, () => rows(hidden)),
    output: rows(2),
    gradHidden: rows(hidden),
    gradPre: rows(hidden),
    gradFromLayer: rows(hidden),
    gradInput: rows(model.layout.inputWidth),
    activation: rows(hidden),
  };
}

/**
 * Predicts the noise for `batch` rows: points (x,y pairs), one timestep and one label per row
 * (label `classCount` means "no label"; ignored by unconditional models). The prediction is
 * left in `workspace.output` (x,y pairs) and returned.
 */
export function mlpForward(
  model: Mlp,
  workspace: MlpWorkspace,
  batch: number,
  points: Float32Array,
  timesteps: Float32Array,
  labels: Int32Array,
): Float32Array {
  const { layout, parameters, config } = model;
  const { input, preActivations, hidden, activation } = workspace;
  const width = layout.inputWidth;
  for (let b = 0; b < batch; b++) {
    embedPosition(points[2 * b]!, points[2 * b + 1]!, config.positionFrequencies, input, b * width);
    embedTimestep(timesteps[b]!, config.timeEmbedding, input, b * width + layout.timeColumn);
  }
  if (layout.classWidth > 0) {
    const table = parameters.subarray(layout.tableOffset);
    embeddingForward(batch, layout.classWidth, labels, table, input, width, layout.classColumn);
  }
  const [first, ...rest] = layout.layers;
  const size = batch * config.hidden;
  const firstViews = layerViews(parameters, first!);
  linearForward(first!, batch, input, firstViews.weight, firstViews.bias, preActivations[0]!);
  siluForward(size, preActivations[0]!, hidden[0]!);
  for (let k = 1; k <= config.blocks; k++) {
    const views = layerViews(parameters, rest[k - 1]!);
    linearForward(rest[k - 1]!, batch, hidden[k - 1]!, views.weight, views.bias, preActivations[k]!);
    siluForward(size, preActivations[k]!, activation);
    const previous = hidden[k - 1]!;
    const next = hidden[k]!;
    for (let i = 0; i < size; i++) next[i] = previous[i]! + activation[i]!;
  }
  const outputSlot = rest[config.blocks]!;
  const outputViews = layerViews(parameters, outputSlot);
  linearForward(outputSlot, batch, hidden[config.blocks]!, outputViews.weight, outputViews.bias, workspace.output);
  return workspace.output;
}

/**
 * Back-propagates ∂L/∂ε̂ (`gradOutput`, x,y pairs) through the pass just run by `mlpForward`
 * on the same workspace, adding every parameter's gradient into `gradients` (same layout as
 * the parameters; the caller zeroes it once per step).
 */
export function mlpBackward(
  model: Mlp,
  workspace: MlpWorkspace,
  batch: number,
  labels: Int32Array,
  gradOutput: Float32Array,
  gradients: Float32Array,
): void {
  const { layout, parameters, config } = model;
  const { preActivations, hidden, gradHidden, gradPre, gradFromLayer } = workspace;
  const size = batch * config.hidden;
  const layers = layout.layers;
  const outputSlot = layers[layers.length - 1]!;
  const outputParams = layerViews(parameters, outputSlot);
  const outputGrads = layerViews(gradients, outputSlot);
  linearBackward(outputSlot, batch, hidden[config.blocks]!, outputParams.weight, gradOutput, outputGrads.weight, outputGrads.bias, gradHidden);
  for (let k = config.blocks; k >= 1; k--) {
    const slot = layers[k]!;
    const params = layerViews(parameters, slot);
    const grads = layerViews(gradients, slot);
    siluBackward(size, preActivations[k]!, gradHidden, gradPre);
    linearBackward(slot, batch, hidden[k - 1]!, params.weight, gradPre, grads.weight, grads.bias, gradFromLayer);
    // The residual path passes ∂L/∂h_k straight through to h_{k−1}.
    for (let i = 0; i < size; i++) gradHidden[i]! += gradFromLayer[i]!;
  }
  const firstSlot = layers[0]!;
  const firstParams = layerViews(parameters, firstSlot);
  const firstGrads = layerViews(gradients, firstSlot);
  siluBackward(size, preActivations[0]!, gradHidden, gradPre);
  const needsInputGrad = layout.classWidth > 0;
  linearBackward(firstSlot, batch, workspace.input, firstParams.weight, gradPre, firstGrads.weight, firstGrads.bias, needsInputGrad ? workspace.gradInput : null);
  if (needsInputGrad) {
    const gradTable = gradients.subarray(layout.tableOffset);
    embeddingBackward(batch, layout.classWidth, labels, workspace.gradInput, layout.inputWidth, layout.classColumn, gradTable);
  }
}
