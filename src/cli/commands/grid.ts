import { InvalidOptionError } from '../../errors.js';
import { decodeLatent } from '../../pipeline/run/latent-images.js';
import { sweep } from '../../pipeline/run/sweeps.js';
import { composeGrid } from '../../pipeline/image/grid.js';
import { scaleNearest } from '../../pipeline/image/resize.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { RUN_OPTIONS, parseCommandLine, singlePositional, stringOption } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { checkSize, driveToEnd, loadModel, outputPath, readRunRequest } from '../run-common.js';
import { guidanceList, seedList } from '../values.js';
import { writePng } from '../write-output.js';

const { seed: _seed, ...WITHOUT_SEED } = RUN_OPTIONS;
const GRID_OPTIONS = { ...WITHOUT_SEED, seeds: { type: 'string' }, scale: { type: 'string' } } as const;

/** Most images in one grid: every cell is denoised side by side, so memory grows with it. */
export const MAX_GRID_CELLS = 144;

function scaleValue(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 16) throw new InvalidOptionError('--scale', `${JSON.stringify(text)} is not an integer in 1…16`);
  return Number(text);
}

/**
 * `grid <prompt>`: one image per seed (rows) × guidance scale (columns), as a labelled PNG.
 * All cells run as one sweep: one text encoding, each seed's noise drawn once, and the UNet
 * calls batched across cells.
 */
export async function gridCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, GRID_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.grid}\n`);
    return 0;
  }
  const prompt = singlePositional(positionals, 'prompt', 'grid "a sheep riding a motorcycle" --seeds 1,2 --guidance 1,7.5');
  const request = readRunRequest(values, prompt, true);
  const seeds = seedList(stringOption(values, 'seeds') ?? '0');
  const guidanceText = stringOption(values, 'guidance');
  // No --guidance: one column at the model's suggested scale.
  const scales: (number | undefined)[] = guidanceText === undefined ? [undefined] : guidanceList(guidanceText);
  if (seeds.length * scales.length > MAX_GRID_CELLS) {
    throw new InvalidOptionError('--seeds', `${seeds.length} seeds × ${scales.length} scales is more than ${MAX_GRID_CELLS} images`);
  }
  const scale = scaleValue(stringOption(values, 'scale'));
  const path = await outputPath(io, values, 'grid.png');
  const quiet = values.quiet === true;
  const { model } = await loadModel(io, values);
  try {
    checkSize(request, model);
    const cells = seeds.flatMap((seed) => scales.map((guidanceScale) => (guidanceScale === undefined ? { seed } : { seed, guidanceScale })));
    const { seed: _unused, guidanceScale: _unusedScale, ...shared } = request;
    // Errors name the CLI's list options, not the library's cell indices.
    const run = sweep(model, { ...shared, ...(io.signal ? { signal: io.signal } : {}) }, cells, (_index, key) => (key === 'seed' ? '--seeds' : '--guidance'));
    const { info, last } = await driveToEnd(io, run, { quiet, label: `denoising ${cells.length} images`, stepOf: (records) => records[0]! });
    const decoding = createProgress(io.stderr, 'decoding', last.length, quiet);
    const images: RgbaImage[] = [];
    for (const record of last) {
      images.push(scaleNearest(await decodeLatent(model, record.latentOut), scale));
      decoding.update(images.length);
    }
    decoding.finish();
    const columns = scales.length;
    const grid = composeGrid({
      cells: seeds.map((_, row) => images.slice(row * columns, (row + 1) * columns)),
      rowLabels: seeds.map((seed) => `seed ${seed}`),
      columnLabels: info.cells.slice(0, columns).map((cell) => `guidance ${cell.guidanceScale}`),
      gap: 6,
      textScale: 2,
    });
    await writePng(path, grid, io.signal);
    io.stdout.write(`wrote ${path} (${seeds.length} seeds × ${columns} guidance scales, ${info.steps} steps ${info.schedulerClass}, ${grid.width}×${grid.height})\n`);
    return 0;
  } finally {
    await model.dispose();
  }
}
