// A program that bundles the `node` entry (runCli included) into one file keeps its own command
// line: only the bin file starts the CLI. (An "am I the main module" check inside the library
// is true in a single bundle, and used to run the CLI on the program's arguments.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

let dir = '';

before(() => {
  // Inside the repository, so the bundle's external packages resolve from its node_modules.
  mkdirSync('.cache', { recursive: true });
  dir = mkdtempSync(join(resolve('.cache'), 'cli-bundled-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('bundling the node entry into a program never starts the CLI on its arguments', async () => {
  const entry = join(dir, 'program.ts');
  writeFileSync(
    entry,
    `import { runCli } from ${JSON.stringify(resolve('src/node.ts'))};
     console.log('program ran with ' + process.argv.slice(2).join(' ') + '; runCli is a ' + typeof runCli);`,
  );
  const program = join(dir, 'program.mjs');
  await build({ entryPoints: [entry], outfile: program, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' });
  const out = join(dir, 'out.png');
  const run = spawnSync(process.execPath, [program, 'generate', 'a sheep', '--steps', '1', '-o', out], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'program ran with generate a sheep --steps 1 -o ' + out + '; runCli is a function');
  assert.doesNotMatch(run.stderr, /latent-explorables/);
  assert.equal(existsSync(out), false, 'the CLI wrote an image');
});
