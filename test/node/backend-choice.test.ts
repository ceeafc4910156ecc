import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseProvider, choiceKey, describeChoice, fasterProvider, type ChoiceStore } from '../../src/pipeline/io/backend-choice.js';
import type { ExecutionProvider } from '../../src/pipeline/io/backend.js';

const mapStore = (): ChoiceStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
};

test('the faster provider wins by its median step, the warm-up step ignored', () => {
  assert.equal(fasterProvider([{ provider: 'webgpu', stepMs: [400, 9, 10, 11] }, { provider: 'wasm', stepMs: [30, 25, 24, 26] }]), 'webgpu');
  // WebGPU's first step is slow (shader compilation) but that alone must not decide it.
  assert.equal(fasterProvider([{ provider: 'webgpu', stepMs: [900, 40, 41] }, { provider: 'wasm', stepMs: [30, 25, 26] }]), 'wasm');
  assert.equal(fasterProvider([{ provider: 'webgpu', stepMs: [10, 10] }, { provider: 'wasm', stepMs: [10, 10] }]), 'webgpu', 'tie → listed first');
  assert.equal(fasterProvider([]), undefined);
});

test('measures each provider once per model and device, then remembers the choice', async () => {
  const store = mapStore();
  const measured: ExecutionProvider[] = [];
  const timings: Record<string, number[]> = { webgpu: [300, 12, 12, 13], wasm: [9, 7, 7, 8] };
  const measure = async (provider: ExecutionProvider) => (measured.push(provider), timings[provider]!);
  const request = { available: ['webgpu', 'wasm'] as ExecutionProvider[], modelId: 'pocket', device: 'gpu-a|4', measure, store };
  const first = await chooseProvider(request);
  assert.deepEqual(first, { provider: 'wasm', medians: { webgpu: 12, wasm: 7 }, remembered: false });
  assert.equal(store.map.get(choiceKey('pocket', 'gpu-a|4')), 'wasm');
  assert.equal(describeChoice(first), 'WASM (7.0 ms/step; WebGPU 12.0)');

  const again = await chooseProvider(request);
  assert.deepEqual(again, { provider: 'wasm', medians: {}, remembered: true });
  assert.deepEqual(measured, ['webgpu', 'wasm'], 'not measured again');
  assert.equal(describeChoice(again), 'WASM (chosen earlier on this device)');

  // Another device (or model) measures again.
  await chooseProvider({ ...request, device: 'gpu-b|16' });
  assert.deepEqual(measured, ['webgpu', 'wasm', 'webgpu', 'wasm']);
});

test('a provider that fails is no candidate; a refusing store, one provider or a stale memory still choose', async () => {
  const failing = await chooseProvider({
    available: ['webgpu', 'wasm'],
    modelId: 'm',
    device: 'd',
    measure: async (provider) => {
      if (provider === 'webgpu') throw new Error('no adapter');
      return [5, 5];
    },
    store: { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } },
  });
  assert.equal(failing.provider, 'wasm');
  let called = false;
  const single = await chooseProvider({ available: ['wasm'], modelId: 'm', device: 'd', measure: async () => ((called = true), [1]) });
  assert.equal(single.provider, 'wasm');
  assert.equal(called, false, 'nothing to compare, nothing measured');
  const store = mapStore();
  store.setItem(choiceKey('m', 'd'), 'webgpu'); // remembered, but WebGPU is gone now
  const stale = await chooseProvider({ available: ['wasm', 'cpu'], modelId: 'm', device: 'd', measure: async (p) => (p === 'wasm' ? [3, 3] : [9, 9]), store });
  assert.equal(stale.provider, 'wasm');
});

test('WASM threads: one without isolation or on two cores or fewer, else half the cores up to four', async () => {
  const { wasmThreadCount } = await import('../../src/pipeline/io/ort-web-realm.js');
  assert.deepEqual([1, 2, 3, 4, 8, 16].map((cores) => wasmThreadCount(cores, true)), [1, 1, 2, 2, 4, 4]);
  assert.deepEqual([1, 2, 8, 16].map((cores) => wasmThreadCount(cores, false)), [1, 1, 1, 1]);
  assert.equal(wasmThreadCount(undefined, true), 1);
  assert.equal(wasmThreadCount(Number.NaN, true), 1);
});

test('a cancelled measurement decides and remembers nothing', async () => {
  const store = new Map<string, string>();
  const storage = { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) };
  const aborted = Object.assign(new Error('aborted'), { name: 'AbortError' });
  await assert.rejects(
    chooseProvider({ available: ['webgpu', 'wasm'], modelId: 'm', device: 'd', store: storage, measure: async () => Promise.reject(aborted) }),
    (error: Error) => error.name === 'AbortError',
  );
  assert.equal(store.size, 0);
});
