import { InvalidOptionError } from '../../errors.js';
import { latentToRgbPreview } from '../../pipeline/image/latent-preview.js';
import { TrajectoryRecorder } from '../../pipeline/trajectory/writer.js';
import { RUN_OPTIONS, parseCommandLine, singlePositional, stringOption } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { GenerationInfo } from '../../pipeline/generate.js';
import { formatBytes } from '../progress.js';
import { checkSize, describeRun, loadModel, outputPath, readRunRequest, runToEnd } from '../run-common.js';
import { writeOutput } from '../write-output.js';

const RECORD_OPTIONS = {
  ...RUN_OPTIONS,
  dtype: { type: 'string' },
  previews: { type: 'boolean' },
} as const;

function dtypeValue(text: string | undefined): 'float16' | 'float32' {
  if (text === undefined || text === 'float16' || text === 'float32') return text ?? 'float16';
  throw new InvalidOptionError('--dtype', `${JSON.stringify(text)} is not float16 or float32`);
}

/** `record <prompt>`: run text-to-image and write every step as a recording (.lxt). */
export async function recordCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, RECORD_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.record}\n`);
    return 0;
  }
  const prompt = singlePositional(positionals, 'prompt', 'record "a sheep riding a motorcycle"');
  const request = readRunRequest(values, prompt);
  const dtype = dtypeValue(stringOption(values, 'dtype'));
  const path = await outputPath(io, values, 'run.lxt');
  const { model, id } = await loadModel(io, values);
  try {
    checkSize(request, model);
    // Encoded as the steps arrive, so only float16 bytes are kept, not every step's tensors.
    let recorder: TrajectoryRecorder | undefined;
    const record = (step: StepRecord, info: GenerationInfo): void => {
      recorder ??= new TrajectoryRecorder(
        {
          prompt: request.prompt,
          negativePrompt: request.negativePrompt,
          seed: info.seed,
          settings: { steps: info.steps, guidanceScale: info.guidanceScale, scheduler: { className: info.schedulerClass, config: info.schedulerConfig }, width: info.width, height: info.height },
          modelId: id,
          latentRgb: model.latentRgb,
        },
        { dtype },
      );
      recorder.addStep(step, values.previews ? latentToRgbPreview(step.latentOut, model.latentRgb) : undefined);
    };
    const { info } = await runToEnd(io, model, request, { quiet: values.quiet === true, onStep: record });
    if (!recorder) throw new Error('the run produced no steps');
    const bytes = recorder.toBytes();
    await writeOutput(path, bytes, io.signal);
    io.stdout.write(`wrote ${path} (${recorder.stepCount} steps, ${formatBytes(bytes.length)}; ${describeRun(info)})\n`);
    return 0;
  } finally {
    await model.dispose();
  }
}
