/**
 * SiLU (x·σ(x)), the smooth activation of the playground network: unlike ReLU it gives the
 * learned noise field no kinks, so the arrows drawn from it vary smoothly.
 */

/** output[i] = silu(input[i]) for the first `count` entries. */
export function siluForward(count: number, input: Float32Array, output: Float32Array): void {
  for (let i = 0; i < count; i++) {
    const x = input[i]!;
    output[i] = x / (1 + Math.exp(-x));
  }
}

/** gradInput[i] = gradOutput[i]·silu′(input[i]), where silu′(x) = σ(x)·(1 + x·(1 − σ(x))). */
export function siluBackward(count: number, input: Float32Array, gradOutput: Float32Array, gradInput: Float32Array): void {
  for (let i = 0; i < count; i++) {
    const x = input[i]!;
    const sigmoid = 1 / (1 + Math.exp(-x));
    gradInput[i] = gradOutput[i]! * sigmoid * (1 + x * (1 - sigmoid));
  }
}
