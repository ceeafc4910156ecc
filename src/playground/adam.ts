/**
 * Adam (Kingma & Ba) over one flat parameter array, with bias-corrected moment estimates.
 */

/** Adam's hyper-parameters. */
export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** The usual defaults with a learning rate that suits the small playground network. */
export const defaultAdamOptions: AdamOptions = { learningRate: 4e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** Adam's running moments and step count for one parameter array. */
export interface AdamState {
  readonly firstMoment: Float32Array;
  readonly secondMoment: Float32Array;
  step: number;
}

/** Zero moments for `size` parameters. */
export function createAdamState(size: number): AdamState {
  return { firstMoment: new Float32Array(size), secondMoment: new Float32Array(size), step: 0 };
}

/** One Adam update of `parameters` in place from `gradients`. */
export function adamStep(options: AdamOptions, state: AdamState, parameters: Float32Array, gradients: Float32Array): void {
  const { learningRate, beta1, beta2, epsilon } = options;
  state.step += 1;
  const correction1 = 1 - Math.pow(beta1, state.step);
  const correction2 = 1 - Math.pow(beta2, state.step);
  const stepSize = learningRate / correction1;
  const { firstMoment: m, secondMoment: v } = state;
  for (let i = 0; i < parameters.length; i++) {
    const g = gradients[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * g;
    const vi = beta2 * v[i]! + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    parameters[i]! -= (stepSize * mi) / (Math.sqrt(vi / correction2) + epsilon);
  }
}
