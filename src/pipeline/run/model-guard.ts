import { InvalidOptionError } from '../../errors.js';
import type { DiffusionModel } from '../model/diffusion-model.js';

/** Checks that `model` is a loaded, not yet disposed model. */
export function assertUsable(model: DiffusionModel): void {
  if (!model || typeof model !== 'object' || !model.components) throw new InvalidOptionError('model', 'must be a loaded model');
  if (model.disposed) throw new InvalidOptionError('model', 'has been disposed');
}
