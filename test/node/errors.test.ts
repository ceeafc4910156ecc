import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError, LatentExplorablesError } from '../../src/errors.js';

test('InvalidOptionError names the field and keeps a stable code', () => {
  const error = new InvalidOptionError('steps', 'must be an integer ≥ 1, got 0');
  assert.ok(error instanceof LatentExplorablesError);
  assert.equal(error.code, 'invalid-option');
  assert.equal(error.field, 'steps');
  assert.equal(error.name, 'InvalidOptionError');
  assert.match(error.message, /^steps: must be an integer/);
});

test('toWire/fromWire rebuild library errors by code (class, field, cause message), built-in errors by name', async () => {
  const { fromWire, toWire, MissingDependencyError, AbortError } = await import('../../src/errors.js');
  const { ModelLoadError } = await import('../../src/pipeline/model/errors.js');
  const { SchedulerConfigError } = await import('../../src/pipeline/math/schedulers/errors.js');
  const through = (error: unknown) => fromWire(structuredClone(toWire(error)));

  const invalid = through(new InvalidOptionError('steps', 'must be ≥ 1', { cause: new Error('why') }));
  assert.ok(invalid instanceof InvalidOptionError);
  assert.equal(invalid.name, 'InvalidOptionError');
  assert.equal(invalid.message, 'steps: must be ≥ 1');
  assert.equal((invalid as InvalidOptionError).field, 'steps');
  assert.equal((invalid.cause as Error).message, 'why');

  const missing = through(new MissingDependencyError('onnxruntime-node', 'Fast inference'));
  assert.ok(missing instanceof MissingDependencyError);
  assert.equal(missing.install, 'npm install onnxruntime-node');
  assert.ok(through(new ModelLoadError('unet/model.onnx', 'missing')) instanceof ModelLoadError);
  const scheduler = through(new SchedulerConfigError('unknown-config-key', 'beta_ned', 'typo'));
  assert.ok(scheduler instanceof SchedulerConfigError && scheduler.code === 'unknown-config-key');
  assert.ok(through(new AbortError()) instanceof AbortError);

  const typeError = through(new TypeError('not a tensor'));
  assert.ok(typeError instanceof TypeError && typeError.message === 'not a tensor');
  const named = through(Object.assign(new Error('gone'), { name: 'AbortError' }));
  assert.equal(named.name, 'AbortError');
  assert.equal(through('a string').message, 'a string');
});
