import { expect } from '@open-wc/testing';
import { samplePreset } from '../../src/playground/datasets.js';
import { TrainingClient } from '../../src/playground/training-client.js';
import { librarySources, wait, watchMainThread } from '../../bench/main-thread-watch.js';

// Training happens in a Web Worker: the page's main thread stays free while the model learns
// (how free, against the 50 ms budget, is measured by bench/elements-main-thread.bench.ts).

describe('playground training worker', () => {
  it('trains in a real module worker started from the sources', async () => {
    const data = samplePreset('two-moons', 500, 1);
    const steps: number[] = [];
    const client = new TrainingClient({ onProgress: (p) => steps.push(p.step), onError: (e) => expect.fail(e.message) });
    client.configure(
      { points: data.points, labels: null, classNames: [], heldOut: data.points, heldOutByClass: [] },
      { seed: 1, batchSize: 64, learningRate: 3e-3, labelDropout: 0, maxSteps: 30, model: { hidden: 16, blocks: 1, positionFrequencies: 2, timeEmbedding: 8, classEmbedding: 4 } },
    );
    client.start();
    while (!steps.includes(30)) await wait(20);
    const field = await client.field({ timestep: 500, label: null, size: 4, extent: 2 });
    expect(field.noise.length).to.equal(32);
    client.terminate();
  });

  it('rejects every pending request when the worker crashes, and reports the crash', async () => {
    // A worker whose code throws on the first sampling request: an uncaught error in a worker.
    const source = 'self.onmessage = (event) => { if (event.data.type === "sample") throw new Error("training crashed"); };';
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    const reported: Error[] = [];
    const client = new TrainingClient({ onProgress: () => {}, onError: (e) => reported.push(e) }, worker);
    const request = { count: 4, steps: 2, sampler: 'ddim' as const, seed: 1, label: null, guidance: 1 };
    const outcomes = [client.sample(request), client.field({ timestep: 1, label: null, size: 2, extent: 1 })].map((call) =>
      call.then(
        () => 'resolved',
        (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
      ),
    );
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still pending after 5 s'), 5000));
    for (const outcome of outcomes) expect(await Promise.race([outcome, timeout])).to.match(/^worker-failed: the training worker failed: .*training crashed/);
    expect(reported.map((error) => error.message)).to.have.length(1);
  });

  it('rejects pending requests when the page stops the worker', async () => {
    const worker = new Worker(URL.createObjectURL(new Blob(['self.onmessage = () => {};'], { type: 'text/javascript' })));
    const client = new TrainingClient({ onProgress: () => {}, onError: (e) => expect.fail(e.message) }, worker);
    const pending = client.field({ timestep: 1, label: null, size: 2, extent: 1 }).then(
      () => 'resolved',
      (error: Error) => error.name,
    );
    client.terminate();
    expect(await pending).to.equal('AbortError');
  });

  it('would notice a long task (the observer works here)', async () => {
    const report = await watchMainThread(librarySources, async () => {
      const end = performance.now() + 80;
      while (performance.now() < end);
      await wait(100);
    });
    expect(report.longTasks.length).to.be.greaterThan(0);
  });
});
