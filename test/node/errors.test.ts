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
