/** One number parser serves the CLI's options and the elements' attributes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { POCKET_MODEL_PATH } from '../../src/assets.js';
import { stepsValue, guidanceValue } from '../../src/cli/values.js';
import { parseIntegerAttribute, parseNumberAttribute } from '../../src/components/shared/attributes.js';
import { InvalidOptionError } from '../../src/errors.js';
import { MAX_STEPS } from '../../src/pipeline/run/generate-options.js';
import { parseInteger, parseList, parseNumber } from '../../src/text-numbers.js';

describe('text-numbers', () => {
  it('reads plain decimals and refuses what Number() lets through', () => {
    assert.equal(parseNumber(' 7.5 ', 'g'), 7.5);
    assert.equal(parseNumber('1e2', 'g'), 100);
    for (const bad of ['', ' ', '0x10', '1e', 'Infinity', 'NaN', '1,5', '--1']) {
      assert.throws(() => parseNumber(bad, 'g'), (error: unknown) => error instanceof InvalidOptionError && error.field === 'g', bad);
    }
  });

  it('checks ranges and whole numbers, naming the field', () => {
    assert.throws(() => parseInteger('2.5', '--steps', 1, 10), /--steps.*whole number/);
    assert.throws(() => parseNumber('11', 'guidance', 0, 10), /guidance.*11 is outside 0…10/);
    assert.deepEqual(parseList('1, 2,3', 'l', (item, field) => parseInteger(item, field)), [1, 2, 3]);
    assert.throws(() => parseList('1,,2', 'l', (item) => item), /empty item/);
    assert.throws(() => parseList('1,2,3', 'l', (item) => item, 2), /3 values, at most 2/);
  });

  it('is the parser behind both the CLI and the attributes', () => {
    for (const raw of ['0x10', '1e', '']) {
      const fromCli = (() => { try { guidanceValue(raw); } catch (error) { return (error as Error).message.replace('--guidance', 'F'); } return 'accepted'; })();
      const fromAttribute = (() => { try { parseNumberAttribute('guidance', raw, 0, 50); } catch (error) { return (error as Error).message.replace('guidance', 'F'); } return 'accepted'; })();
      assert.equal(fromCli, fromAttribute, raw);
    }
    assert.throws(() => parseIntegerAttribute('steps', '2.5'), /whole number/);
    assert.throws(() => stepsValue(String(MAX_STEPS + 1)), new RegExp(`outside 1…${MAX_STEPS}`));
  });

  it("the README names the pocket model's folder the code uses", () => {
    assert.ok(readFileSync(new URL('../../README.md', import.meta.url), 'utf8').includes(`assets/${POCKET_MODEL_PATH}`));
  });
});
