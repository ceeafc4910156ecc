import { decodeLatent } from '../../pipeline/run/latent-images.js';
import { RUN_OPTIONS, parseCommandLine, singlePositional } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { checkSize, describeRun, loadModel, outputPath, readRunRequest, runToEnd } from '../run-common.js';
import { writePng } from '../write-output.js';

/** `generate <prompt>`: run text-to-image and write the decoded final image as a PNG. */
export async function generateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, RUN_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.generate}\n`);
    return 0;
  }
  const prompt = singlePositional(positionals, 'prompt', 'generate "a sheep riding a motorcycle"');
  const request = readRunRequest(values, prompt);
  const path = await outputPath(io, values, 'out.png');
  const { model } = await loadModel(io, values);
  try {
    checkSize(request, model);
    const { info, last } = await runToEnd(io, model, request, { quiet: values.quiet === true });
    const image = await decodeLatent(model, last.latentOut);
    await writePng(path, image, io.signal);
    io.stdout.write(`wrote ${path} (${describeRun(info)})\n`);
    return 0;
  } finally {
    await model.dispose();
  }
}
