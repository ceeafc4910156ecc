/**
 * Which execution provider runs a model fastest here is measured, not assumed: for small models
 * WebGPU's per-dispatch overhead often loses to WASM even on a real GPU. The first steps are
 * timed once on each available provider per model and device; the faster is kept, remembered in
 * a store shaped like `localStorage` (per origin, in a browser), and reused from then on.
 */
import type { ExecutionProvider } from './backend.js';

/** Step times measured on one provider (ms, first steps; the first is warm-up and ignored). */
export interface ProviderTiming {
  readonly provider: ExecutionProvider;
  readonly stepMs: readonly number[];
}

/** The part of `Storage` the choice uses (injectable: tests pass a Map-backed one). */
export interface ChoiceStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What was chosen and why, for the figure's status line. */
export interface ProviderChoice {
  readonly provider: ExecutionProvider;
  /** Median step per provider measured now; empty when the choice came from the store. */
  readonly medians: Readonly<Partial<Record<ExecutionProvider, number>>>;
  readonly remembered: boolean;
}

/** The median of the steps after the first (the first compiles kernels and shaders). */
export function typicalStepMs(stepMs: readonly number[]): number {
  const steady = stepMs.length > 1 ? stepMs.slice(1) : [...stepMs];
  const sorted = [...steady].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : Number.POSITIVE_INFINITY;
}

/** The provider with the lowest typical step; on a tie, the one listed first. */
export function fasterProvider(timings: readonly ProviderTiming[]): ExecutionProvider | undefined {
  let best: { provider: ExecutionProvider; ms: number } | undefined;
  for (const { provider, stepMs } of timings) {
    const ms = typicalStepMs(stepMs);
    if (Number.isFinite(ms) && (!best || ms < best.ms)) best = { provider, ms };
  }
  return best?.provider;
}

/** The store key: one choice per model and device (adapter, cores, whether threads are allowed). */
export function choiceKey(modelId: string, device: string): string {
  return `latent-explorables:provider:${device}:${modelId}`;
}

/**
 * The remembered choice for this model and device, or else: times `measure(provider)` on each
 * available provider in turn, keeps the faster and remembers it. A provider whose measurement
 * fails is left out; a store that refuses writes (private mode, quota) only costs the memory.
 */
export async function chooseProvider(request: {
  readonly available: readonly ExecutionProvider[];
  readonly modelId: string;
  readonly device: string;
  readonly measure: (provider: ExecutionProvider) => Promise<readonly number[]>;
  readonly store?: ChoiceStore | undefined;
}): Promise<ProviderChoice> {
  const { available, store } = request;
  const key = choiceKey(request.modelId, request.device);
  let remembered: string | null = null;
  try {
    remembered = store?.getItem(key) ?? null;
  } catch {
    // storage disabled: measure
  }
  if (remembered && available.includes(remembered as ExecutionProvider)) return { provider: remembered as ExecutionProvider, medians: {}, remembered: true };
  if (available.length <= 1) return { provider: available[0] ?? 'wasm', medians: {}, remembered: false };
  const timings: ProviderTiming[] = [];
  for (const provider of available) {
    try {
      timings.push({ provider, stepMs: await request.measure(provider) });
    } catch (error) {
      // A cancelled load decides nothing; any other failure: this provider cannot run the model here.
      if (error instanceof Error && error.name === 'AbortError') throw error;
    }
  }
  const provider = fasterProvider(timings) ?? available[available.length - 1]!;
  try {
    store?.setItem(key, provider);
  } catch {
    // not remembered; measured again next time
  }
  const medians = Object.fromEntries(timings.map((timing) => [timing.provider, typicalStepMs(timing.stepMs)]));
  return { provider, medians, remembered: false };
}

/** One line for a figure's status, e.g. "WASM (3.1 ms/step; WebGPU 9.8)" or "WebGPU (chosen earlier on this device)". */
export function describeChoice(choice: ProviderChoice): string {
  const label = (provider: ExecutionProvider) => ({ webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU' })[provider];
  if (choice.remembered) return `${label(choice.provider)} (chosen earlier on this device)`;
  const own = choice.medians[choice.provider];
  const others = Object.entries(choice.medians)
    .filter(([provider]) => provider !== choice.provider)
    .map(([provider, ms]) => `${label(provider as ExecutionProvider)} ${ms!.toFixed(1)}`);
  if (own === undefined) return label(choice.provider);
  return `${label(choice.provider)} (${own.toFixed(1)} ms/step${others.length ? `; ${others.join(', ')}` : ''})`;
}
