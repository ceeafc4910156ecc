/**
 * A dense layer on a batch of rows: out = in·Wᵀ + b, with W stored row-major as [out][in] so
 * both the forward dot products and the weight-gradient updates walk memory in order.
 */

/** The shape of one dense layer. */
export interface LinearShape {
  readonly inputs: number;
  readonly outputs: number;
}

/** out[b, o] = bias[o] + Σᵢ input[b, i]·weight[o, i] for the first `batch` rows. */
export function linearForward(
  shape: LinearShape,
  batch: number,
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array,
  output: Float32Array,
): void {
  const { inputs, outputs } = shape;
  for (let b = 0; b < batch; b++) {
    const inRow = b * inputs;
    const outRow = b * outputs;
    for (let o = 0; o < outputs; o++) {
      const wRow = o * inputs;
      let sum = bias[o]!;
      for (let i = 0; i < inputs; i++) sum += input[inRow + i]! * weight[wRow + i]!;
      output[outRow + o] = sum;
    }
  }
}

/**
 * Back-propagates `gradOutput` (∂L/∂out): adds ∂L/∂W and ∂L/∂b into the gradient buffers
 * (accumulating, so callers zero them once per step) and, when `gradInput` is given,
 * overwrites it with ∂L/∂in.
 */
export function linearBackward(
  shape: LinearShape,
  batch: number,
  input: Float32Array,
  weight: Float32Array,
  gradOutput: Float32Array,
  gradWeight: Float32Array,
  gradBias: Float32Array,
  gradInput: Float32Array | null,
): void {
  const { inputs, outputs } = shape;
  for (let b = 0; b < batch; b++) {
    const inRow = b * inputs;
    const outRow = b * outputs;
    for (let o = 0; o < outputs; o++) {
      const g = gradOutput[outRow + o]!;
      if (g === 0) continue;
      gradBias[o]! += g;
      const wRow = o * inputs;
      for (let i = 0; i < inputs; i++) gradWeight[wRow + i]! += g * input[inRow + i]!;
    }
  }
  if (!gradInput) return;
  gradInput.fill(0, 0, batch * inputs);
  for (let b = 0; b < batch; b++) {
    const inRow = b * inputs;
    const outRow = b * outputs;
    for (let o = 0; o < outputs; o++) {
      const g = gradOutput[outRow + o]!;
      const wRow = o * inputs;
      for (let i = 0; i < inputs; i++) gradInput[inRow + i]! += g * weight[wRow + i]!;
    }
  }
}
