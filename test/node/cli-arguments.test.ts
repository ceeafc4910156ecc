import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { COMMAND_HELP } from '../../src/cli/help.js';
import { encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import { captureIo } from './cli-io.js';
import { syntheticMetadata, syntheticSteps } from './trajectory-steps.js';

const cwd = process.cwd();

/** Runs a command line in-process; returns status and output. */
async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = captureIo(cwd);
  const status = await main(argv, io);
  return { status, out: io.out(), err: io.err() };
}

/** Asserts a usage failure: status 2 and exactly one stderr line mentioning `needle`. */
function assertBadInput(result: { status: number; err: string }, needle: string | RegExp): void {
  assert.equal(result.status, 2, result.err);
  const lines = result.err.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${result.err}`);
  assert.match(lines[0]!, typeof needle === 'string' ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')) : needle);
}

describe('CLI help, version and commands', () => {
  it('prints the overview with exit codes, and each command its own help', async () => {
    const overview = await cli('--help');
    assert.equal(overview.status, 0);
    for (const word of ['generate', 'record', 'grid', 'inspect', 'Exit codes', '130']) assert.ok(overview.out.includes(word), word);
    for (const command of ['generate', 'record', 'grid', 'inspect']) {
      const help = await cli(command, '--help');
      assert.equal(help.status, 0);
      assert.equal(help.out, `${COMMAND_HELP[command]}\n`);
      assert.ok(help.out.includes(`Usage: latent-explorables ${command}`));
    }
    assert.equal((await cli('help', 'grid')).out, `${COMMAND_HELP.grid}\n`);
  });

  it('prints the package version', async () => {
    const result = await cli('--version');
    assert.equal(result.status, 0);
    assert.match(result.out, /^\d+\.\d+\.\d+/);
  });

  it('treats no command as a usage error and names an unknown one', async () => {
    const bare = await cli();
    assert.equal(bare.status, 2);
    assert.ok(bare.err.includes('Usage:'));
    assertBadInput(await cli('paint', 'x'), 'unknown command "paint"');
  });
});

describe('CLI argument errors (exit 2, one line naming the field)', () => {
  const cases: [string[], string][] = [
    [['generate', 'x', '--seed', '1.5'], '--seed'],
    [['generate', 'x', '--seed', '18446744073709551616'], '--seed'],
    [['generate', 'x', '--seed=-1'], '--seed'],
    [['generate', 'x', '--seed', 'abc'], '--seed'],
    [['generate', 'x', '--guidance=-1'], '--guidance'],
    [['generate', 'x', '--guidance', 'Infinity'], '--guidance'],
    [['generate', 'x', '--guidance', 'NaN'], '--guidance'],
    [['generate', 'x', '--steps', '0'], '--steps'],
    [['generate', 'x', '--steps', '1001'], '--steps'],
    [['generate', 'x', '--steps', '2.5'], '--steps'],
    [['generate', 'x', '--width', '0'], '--width'],
    [['generate', 'x', '--height', '99999'], '--height'],
    [['generate', 'x', '--scheduler', 'plms'], '--scheduler'],
    [['generate', 'x', '--sed', '1'], "'--sed'"],
    [['generate', 'x', '--seed'], '--seed <value>\' argument missing'],
    [['generate', 'x', '--seed', '1', '--seed', '2'], '--seed is given more than once'],
    [['generate'], 'missing prompt'],
    [['generate', 'a', 'sheep'], 'expected one prompt'],
    [['record', 'x', '--dtype', 'int8'], '--dtype'],
    [['grid', 'x', '--seeds', '1,,2'], '--seeds'],
    [['grid', 'x', '--seeds', '1,x'], '--seeds'],
    [['grid', 'x', '--guidance', '1,-3'], '--guidance'],
    [['grid', 'x', '--seed', '1'], "'--seed'"],
    [['grid', 'x', '--scale', '0'], '--scale'],
    [['grid', 'x', '--seeds', Array.from({ length: 13 }, (_, i) => i).join(','), '--guidance', Array(12).fill(2).join(',')], 'more than 144 images'],
    [['inspect'], 'missing recording'],
  ];
  for (const [argv, field] of cases) {
    it(`${argv.join(' ')} → names ${field}`, async () => assertBadInput(await cli(...argv), field));
  }
});

describe('CLI inspect', () => {
  it('summarises a recording, prints its header as JSON, and refuses damaged or missing files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lx-inspect-'));
    try {
      const bytes = encodeTrajectory(syntheticMetadata(4), syntheticSteps(3, [1, 4, 8, 8]));
      await writeFile(join(dir, 'run.lxt'), bytes);
      const summary = await cli('inspect', join(dir, 'run.lxt'));
      assert.equal(summary.status, 0, summary.err);
      assert.match(summary.out, /prompt: +"a sheep riding a motorcycle"/);
      assert.match(summary.out, /seed: +18446744073709551615/);
      assert.match(summary.out, /steps: +3 recorded of 4/);
      assert.match(summary.out, /scheduler: +DDIMScheduler/);
      assert.match(summary.out, /latent 1×4×8×8/);
      assert.match(summary.out, /\n +2 +333\.00 /);
      const json = await cli('inspect', '--json', join(dir, 'run.lxt'));
      assert.equal(JSON.parse(json.out).seed, '18446744073709551615');
      await writeFile(join(dir, 'cut.lxt'), bytes.subarray(0, 100));
      assertBadInput(await cli('inspect', join(dir, 'cut.lxt')), /recording header: .*declares/);
      assertBadInput(await cli('inspect', join(dir, 'none.lxt')), 'none.lxt');
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
