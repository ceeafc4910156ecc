import type { Scheduler } from '../pipeline/math/schedulers/types.js';
import { PlaygroundRandom } from './random.js';

/**
 * The forward process on the reader's data: every point at training timestep t, drawn from
 * q(x_t | x₀) by the scheduler's own `addNoise`. One fixed noise draw per seed, so moving the
 * t slider slides each point smoothly from its data position into the Gaussian cloud.
 */
export function diffusePoints(scheduler: Scheduler, points: Float32Array, timestep: number, seed: number): Float32Array {
  const noise = new PlaygroundRandom(seed).randn([points.length]);
  return scheduler.addNoise(points, noise, timestep);
}
