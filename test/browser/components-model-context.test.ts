import { expect } from '@open-wc/testing';
import { ModelRegistry, type ModelLoader } from '../../src/components/shared/model-context.js';
import type { ProgressDetail } from '../../src/components/shared/events.js';

class FakeModel {
  disposed = 0;
  dispose(): void {
    this.disposed += 1;
  }
}

/** A loader whose loads finish when the test says so, recording each call. */
function controlledLoader() {
  const calls: { url: string; signal: AbortSignal; progress: (p: ProgressDetail) => void; finish: (m: FakeModel) => void; fail: (e: Error) => void }[] = [];
  const loader: ModelLoader<FakeModel> = (url, { signal, onProgress }) =>
    new Promise((resolve, reject) => calls.push({ url, signal, progress: onProgress, finish: resolve, fail: reject }));
  return { loader, calls };
}

describe('components: shared model registry', () => {
  it('loads a model once for two holders of the same URL and disposes it after the last release', async () => {
    const { loader, calls } = controlledLoader();
    const registry = new ModelRegistry(loader);
    const seen: number[] = [];
    const a = registry.acquire('/models/pocket', (p) => seen.push(p.loaded));
    const b = registry.acquire('/models/pocket/');
    expect(calls).to.have.length(1);
    expect(registry.holders('/models/pocket/')).to.equal(2);
    calls[0]!.progress({ phase: 'download', loaded: 5, total: 10 });
    const late: number[] = [];
    const c = registry.acquire('/models/pocket/', (p) => late.push(p.loaded));
    expect(seen).to.deep.equal([5]);
    expect(late).to.deep.equal([5]);
    const model = new FakeModel();
    calls[0]!.finish(model);
    expect(await a.model).to.equal(model);
    expect(await b.model).to.equal(model);
    a.release();
    a.release(); // idempotent
    b.release();
    await Promise.resolve();
    expect(model.disposed).to.equal(0);
    c.release();
    await new Promise((resolve) => setTimeout(resolve));
    expect(model.disposed).to.equal(1);
    expect(registry.holders('/models/pocket/')).to.equal(0);
    registry.acquire('/models/pocket/').release();
    expect(registry.loadCount).to.equal(2);
  });

  it('aborts a load nobody waits for any more, and retries after a failed load', async () => {
    const { loader, calls } = controlledLoader();
    const registry = new ModelRegistry(loader);
    registry.acquire('/m/').release();
    expect(calls[0]!.signal.aborted).to.equal(true);
    const failing = registry.acquire('/n/');
    calls[1]!.fail(new Error('404'));
    let message = '';
    await failing.model.catch((error: Error) => (message = error.message));
    expect(message).to.equal('404');
    registry.acquire('/n/');
    expect(calls).to.have.length(3);
  });
});
