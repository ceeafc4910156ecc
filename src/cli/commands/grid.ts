import { InvalidOptionError } from '../../errors.js';
import { composeGrid } from '../../pipeline/image/grid.js';
import { scaleNearest } from '../../pipeline/image/resize.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { RUN_OPTIONS, parseCommandLine, singlePositional, stringOption } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { checkSize, loadModel, outputPath, readRunRequest, runToEnd } from '../run-common.js';
import { guidanceList, seedList } from '../values.js';
import { writePng } from '../write-output.js';

const { seed: _seed, ...WITHOUT_SEED } = RUN_OPTIONS;
const GRID_OPTIONS = { ...WITHOUT_SEED, seeds: { type: 'string' }, scale: { type: 'string' } } as const;

function scaleValue(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 16) throw new InvalidOptionError('--scale', `${JSON.stringify(text)} is not an integer in 1…16`);
  return Number(text);
}

/** `grid <prompt>`: one image per seed (rows) × guidance scale (columns), as a labelled PNG. */
export async function gridCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, GRID_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.grid}\n`);
    return 0;
  }
  const prompt = singlePositional(positionals, 'prompt', 'grid "a sheep riding a motorcycle" --seeds 1,2 --guidance 1,7.5');
  const request = readRunRequest(values, prompt, true);
  const seeds = seedList(stringOption(values, 'seeds') ?? '0');
  const scales = guidanceList(stringOption(values, 'guidance') ?? '7.5');
  const scale = scaleValue(stringOption(values, 'scale'));
  const path = outputPath(io, values, 'grid.png');
  const quiet = values.quiet === true;
  const model = await loadModel(io, values);
  try {
    checkSize(request, model);
    const progress = createProgress(io.stderr, 'images', seeds.length * scales.length, quiet);
    const cells: RgbaImage[][] = [];
    for (const seed of seeds) {
      const row: RgbaImage[] = [];
      for (const guidanceScale of scales) {
        const { last } = await runToEnd(io, model, { ...request, seed, guidanceScale }, { quiet: true });
        row.push(scaleNearest(await model.decode(last.latentOut), scale));
        progress.update(cells.length * scales.length + row.length, `seed ${seed}, guidance ${guidanceScale}`);
      }
      cells.push(row);
    }
    progress.finish();
    const grid = composeGrid({
      cells,
      rowLabels: seeds.map((seed) => `seed ${seed}`),
      columnLabels: scales.map((guidance) => `guidance ${guidance}`),
      gap: 6,
      textScale: 2,
    });
    await writePng(path, grid);
    io.stdout.write(`wrote ${path} (${seeds.length} seeds × ${scales.length} guidance scales, ${grid.width}×${grid.height})\n`);
    return 0;
  } finally {
    await model.dispose();
  }
}
