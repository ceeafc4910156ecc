import type { ExecutionProvider } from '../io/backend.js';
import { chooseProvider, typicalStepMs, type ChoiceStore, type ProviderChoice } from '../io/backend-choice.js';
import { createWebBackend, deviceLabel } from '../io/web-backend.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { loadModelFromUrl, type WebLoadOptions } from '../model/web.js';
import { generate } from './generate.js';

/** A model loaded on the provider that ran it fastest here, and how that was decided. */
export interface ChosenModel {
  readonly model: DiffusionModel;
  readonly choice: ProviderChoice;
}

/** `loadModelFromUrl`'s options, plus where the choice is remembered and how long the trial is. */
export interface FasterProviderOptions extends WebLoadOptions {
  /** Where the choice is remembered per model and device (a browser's `localStorage`); none: measured on every load. */
  readonly store?: ChoiceStore | undefined;
  /** Steps of the trial run on each provider (the first, which compiles kernels and shaders, is not counted); default 4. */
  readonly trialSteps?: number;
}

/**
 * Times each step of a short guided run (guidance batches the UNet as real runs do). Stops early
 * once a step after the first takes over `limitMs`: the provider has lost already, and on a
 * software GPU the remaining steps would only keep the reader waiting.
 */
async function stepTimes(model: DiffusionModel, steps: number, signal: AbortSignal | undefined, limitMs = Number.POSITIVE_INFINITY): Promise<number[]> {
  const times: number[] = [];
  let last = performance.now();
  for await (const _ of generate(model, { prompt: 'a sheep', seed: 1, steps, guidanceScale: 5, ...(signal ? { signal } : {}) })) {
    const now = performance.now();
    times.push(now - last);
    last = now;
    if (times.length > 1 && times[times.length - 1]! > limitMs) break;
  }
  return times;
}

/**
 * Browser: loads a model on whichever of WebGPU and WASM runs its steps faster on this device.
 * For small models WebGPU's per-dispatch cost often loses to WASM even on a real GPU, so the
 * first time a model meets a device it is loaded on each available provider (WASM first) and a
 * few steps are timed, a provider's trial ending once a step takes twice WASM's; the faster is
 * kept (the other disposed) and remembered in `store`, so later loads go straight to it. Where the caller fixes `providers` or passes its own `backend`, or only one
 * provider exists, nothing is timed.
 */
export async function loadModelOnFasterProvider(url: string, options: FasterProviderOptions = {}): Promise<ChosenModel> {
  const { store, trialSteps = 4, ...load } = options;
  if (load.providers || load.backend) {
    const model = await loadModelFromUrl(url, load);
    return { model, choice: { provider: model.providers.unet ?? 'wasm', medians: {}, remembered: false } };
  }
  const backend = createWebBackend(load.web);
  const available = (await backend.availableProviders()).filter((provider) => provider !== 'cpu');
  // WebGPU first, WASM for any graph WebGPU cannot take; the UNet's provider is what is timed.
  const loadOn = (provider: ExecutionProvider) =>
    loadModelFromUrl(url, { ...load, backend, providers: provider === 'webgpu' ? ['webgpu', 'wasm'] : [provider] });
  const trial = new Map<ExecutionProvider, DiffusionModel>();
  // WASM first: it always loads, and its time caps how long the other trial may run.
  const order = [...available].sort((p, q) => Number(q === 'wasm') - Number(p === 'wasm'));
  let wasmStepMs = Number.POSITIVE_INFINITY;
  try {
    const choice = await chooseProvider({
      available: order,
      modelId: new URL(url, globalThis.location?.href).href,
      device: await deviceLabel(),
      store,
      measure: async (provider) => {
        const model = await loadOn(provider);
        trial.set(provider, model);
        if (model.providers.unet !== provider) throw new Error(`the UNet could not load on ${provider}`);
        const times = await stepTimes(model, trialSteps, load.signal, 2 * wasmStepMs);
        if (provider === 'wasm') wasmStepMs = typicalStepMs(times);
        return times;
      },
    });
    const model = trial.get(choice.provider) ?? (await loadOn(choice.provider));
    trial.delete(choice.provider);
    const provider = model.providers.unet ?? choice.provider;
    return { model, choice: provider === choice.provider ? choice : { provider, medians: {}, remembered: false } };
  } finally {
    await Promise.all([...trial.values()].map((model) => model.dispose()));
  }
}
