import { expect } from '@open-wc/testing';
import { TrajectoryRecorder } from '../../src/pipeline/trajectory/writer.js';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { fetchTrajectory, readTrajectoryBlob } from '../../src/pipeline/trajectory/load.js';
import { replayTrajectory } from '../../src/pipeline/trajectory/replay.js';
import { TrajectoryFormatError } from '../../src/pipeline/trajectory/errors.js';
import { decodeFloat16Array, encodeFloat16Array } from '../../src/pipeline/math/float16.js';
import { LatentExplorablesError } from '../../src/errors.js';
import { syntheticMetadata, syntheticSteps } from '../node/trajectory-steps.js';

function recordRun(steps = 3): { recorder: TrajectoryRecorder; originals: ReturnType<typeof syntheticSteps> } {
  const originals = syntheticSteps(steps, [1, 4, 8, 8]);
  const recorder = new TrajectoryRecorder(syntheticMetadata(steps));
  originals.forEach((step, i) => recorder.addStep(step, i === 0 ? { width: 1, height: 1, data: Uint8ClampedArray.of(9, 8, 7, 255) } : undefined));
  return { recorder, originals };
}

describe('recorded runs in the browser', () => {
  it('writes a Blob and reads it back with float16 values and the 64-bit seed intact', async () => {
    const { recorder, originals } = recordRun();
    const blob = recorder.toBlob();
    expect(blob.type).to.equal('application/x-latent-explorables-trajectory');
    const run = await readTrajectoryBlob(blob);
    expect(run.header.seed).to.equal('18446744073709551615');
    expect(run.steps.length).to.equal(3);
    const expected = decodeFloat16Array(encodeFloat16Array(originals[2]!.predictedOriginal.data));
    expect([...run.steps[2]!.predictedOriginal.data]).to.deep.equal([...expected]);
    expect([...run.previews[0]!.data]).to.deep.equal([9, 8, 7, 255]);
    // The preview's fields are ImageData's.
    expect(new ImageData(new Uint8ClampedArray(run.previews[0]!.data), 1).data[0]).to.equal(9);
  });

  it('fetches a recording by URL and replays it without a model', async () => {
    const { recorder } = recordRun(2);
    const url = URL.createObjectURL(recorder.toBlob());
    try {
      const run = await fetchTrajectory(url);
      const indices: number[] = [];
      for await (const step of replayTrajectory(run)) indices.push(step.index);
      expect(indices).to.deep.equal([0, 1]);
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('reports a missing URL and a damaged file with typed errors', async () => {
    const missing = await fetchTrajectory('/no/such/run.lxt').catch((error: unknown) => error);
    expect(missing).to.be.instanceOf(LatentExplorablesError);
    expect((missing as LatentExplorablesError).code).to.equal('fetch-failed');
    const bytes = recordRun(1).recorder.toBytes();
    let damaged: unknown;
    try {
      readTrajectory(bytes.subarray(0, 30));
    } catch (error) {
      damaged = error;
    }
    expect(damaged).to.be.instanceOf(TrajectoryFormatError);
    expect((damaged as TrajectoryFormatError).problem).to.equal('truncated');
  });
});
