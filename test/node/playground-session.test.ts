import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../src/errors.js';
import { samplePreset } from '../../src/playground/datasets.js';
import type { PlaygroundResponse, TrainingSettings } from '../../src/playground/protocol.js';
import { TrainingSession } from '../../src/playground/training-session.js';
import { fromWire } from '../../src/errors.js';

// The worker's state machine driven directly: a fake host collects posted messages and runs
// scheduled slices on demand, and a fake clock makes every slice exactly one training step.

function harness() {
  const posted: PlaygroundResponse[] = [];
  const tasks: (() => void)[] = [];
  let clock = 0;
  const session = new TrainingSession({
    post: (message) => posted.push(message),
    schedule: (task) => tasks.push(task),
    now: () => (clock += 30),
  });
  const runTasks = (limit: number) => {
    for (let i = 0; i < limit && tasks.length > 0; i++) tasks.shift()!();
  };
  return { session, posted, runTasks, pending: () => tasks.length };
}

const settings: TrainingSettings = {
  seed: 1,
  batchSize: 32,
  learningRate: 3e-3,
  labelDropout: 0.15,
  maxSteps: 6,
  model: { hidden: 8, blocks: 1, positionFrequencies: 2, timeEmbedding: 4, classEmbedding: 4 },
};

function configure(session: TrainingSession) {
  const data = samplePreset('sheep-and-motorcycle', 200, 1);
  const heldOut = samplePreset('sheep-and-motorcycle', 100, 2);
  session.handle({
    type: 'configure',
    data: { points: data.points, labels: data.labels, classNames: data.classNames, heldOut: heldOut.points, heldOutByClass: [heldOut.points.subarray(0, 100), heldOut.points.subarray(100)] },
    settings,
  });
}

test('training runs in scheduled slices, pauses, and stops by itself at maxSteps', () => {
  const { session, posted, runTasks, pending } = harness();
  configure(session);
  session.handle({ type: 'start' });
  runTasks(2);
  session.handle({ type: 'pause' });
  const paused = posted.at(-1)!;
  assert.equal(paused.type, 'progress');
  assert.ok(paused.type === 'progress' && !paused.running && paused.step > 0 && paused.step < 6);
  runTasks(10); // a slice scheduled before the pause must not train
  assert.ok(posted.at(-1)!.type === 'progress' && (posted.at(-1) as { step: number }).step === paused.step);
  session.handle({ type: 'start' });
  runTasks(20);
  const last = posted.at(-1)!;
  assert.ok(last.type === 'progress' && last.finished && !last.running && last.step === 6, JSON.stringify(last));
  assert.equal(pending(), 0);
  assert.ok(Number.isFinite(last.loss));
  session.handle({ type: 'reset' });
  assert.ok(posted.at(-1)!.type === 'progress' && (posted.at(-1) as { step: number }).step === 0);
});

test('sampling answers with every frame of the run and a Chamfer score; the noise field with the grid', () => {
  const { session, posted } = harness();
  configure(session);
  session.handle({ type: 'sample', id: 7, request: { count: 20, steps: 4, sampler: 'ddpm', seed: 2, label: 0, guidance: 3 } });
  const sampled = posted.at(-1)!;
  assert.ok(sampled.type === 'sampled');
  assert.equal(sampled.id, 7);
  assert.equal(sampled.trajectory.length, 5 * 20 * 2);
  assert.deepEqual(Array.from(sampled.timesteps), [750, 500, 250, 0]);
  assert.ok(sampled.trajectory.every(Number.isFinite) && Number.isFinite(sampled.chamfer));
  session.handle({ type: 'field', id: 8, request: { timestep: 100, label: null, size: 5, extent: 2 } });
  const field = posted.at(-1)!;
  assert.ok(field.type === 'field' && field.id === 8 && field.noise.length === 50 && field.points[0] === -2);
});

test('bad requests come back as error messages that rebuild into typed errors naming the field', () => {
  const { session, posted } = harness();
  session.handle({ type: 'start' });
  const notConfigured = posted.at(-1)!;
  assert.ok(notConfigured.type === 'failed' && notConfigured.error.code === 'not-configured');
  configure(session);
  session.handle({ type: 'sample', id: 3, request: { count: 10, steps: 4, sampler: 'ddim', seed: 2, label: 5, guidance: 1 } });
  const message = posted.at(-1)!;
  assert.ok(message.type === 'failed' && message.id === 3);
  const error = fromWire(message.error) as InvalidOptionError;
  assert.ok(error instanceof InvalidOptionError);
  assert.equal(error.field, 'label');
  assert.match(error.message, /^label: /);
});
