/** The CLI's help texts: one overview and one page per command. */
import { SCHEDULER_ALIAS_NAMES } from '../pipeline/math/schedulers/aliases.js';

const EXIT_CODES_TEXT = `Exit codes:
  0    success
  1    failure while running (the model failed, a file could not be written)
  2    bad input (unknown command or option, bad value, unusable model folder or recording)
  130  interrupted (Ctrl-C)`;

const RUN_OPTIONS = `  -m, --model <dir|url>   model folder or URL (default: the bundled pocket model)
  -s, --seed <n>          noise seed, an integer 0…2^64−1 (default: random, printed)
  -n, --steps <n>         denoising steps, 1…1000, or as many as the model's scheduler
                          takes (999 for SD's; default: the model's suggestion, 20 for SD)
  -g, --guidance <s>      classifier-free guidance scale, 0…1000; ≤ 1 means none
                          (default: the model's suggestion, 7.5 for SD)
      --scheduler <name>  ${SCHEDULER_ALIAS_NAMES.join(', ')}
                          (default: the model's own)
      --negative <text>   negative prompt (default empty); prompts: at most 4096 characters
      --width <px>        image width, a multiple of the model's VAE factor (default: native)
      --height <px>       image height, likewise
  -q, --quiet             no progress output`;

const OUTPUT_NOTE = `The output is written to a new file beside it and renamed into place once complete:
a failed or interrupted run leaves any previous file as it was, and a symbolic link at
the output path is replaced by the new file, not written through.`;

/** Help for each command, keyed by its name. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  generate: `Usage: latent-explorables generate <prompt> [options]

Runs text-to-image and writes the final image as a PNG.

Options:
${RUN_OPTIONS}
  -o, --output <file>     PNG to write (default out.png)
  -h, --help              this help

Example:
  latent-explorables generate "a sheep riding a motorcycle" --seed 42 --guidance 7.5 --steps 20 --scheduler ddim -o out.png

${OUTPUT_NOTE}

${EXIT_CODES_TEXT}`,

  record: `Usage: latent-explorables record <prompt> [options]

Runs text-to-image and writes every step's tensors as a recording (.lxt) that the widgets
replay without a model.

Options:
${RUN_OPTIONS}
      --dtype <type>      float16 (default, half the size) or float32 (exact)
      --previews          also store each step's latent→RGB preview image
      --decoded           store each step's decoded picture (the VAE decode of x̂₀, as a
                          PNG; one decoder call per step); on by default for images of
                          at most 256×256 pixels (the pocket model's 64×64)
      --no-decoded        leave the decoded pictures out (a smaller file)
      --decoded-final     store only the last step's decoded picture (for figures that
                          show just the finished picture, e.g. comparison grids)
      --picture-bits <n>  bits kept per colour channel of the decoded pictures, 1…8
                          (default 8, lossless; fewer bits, smaller pictures)
  -o, --output <file>     recording to write (default run.lxt)
  -h, --help              this help

Example:
  latent-explorables record "a lighthouse at dusk" --seed 7 --steps 25 -o run.lxt

${OUTPUT_NOTE}

${EXIT_CODES_TEXT}`,

  grid: `Usage: latent-explorables grid <prompt> --seeds <list> --guidance <list> [options]

Runs the prompt for every seed (rows) and guidance scale (columns) side by side, sharing
one text encoding and batching the model calls, and writes one labelled PNG grid.

Options:
      --seeds <list>      comma-separated seeds, e.g. 1,2,3 (default 0)
  -g, --guidance <list>   comma-separated scales, e.g. 1,3,7.5 (default: the model's)
${RUN_OPTIONS.split('\n').filter((line) => !/--seed |--guidance |model's suggestion, 7\.5/.test(line)).join('\n')}
      --scale <n>         enlarge each image n times, nearest-neighbour (default 1)
  -o, --output <file>     PNG to write (default grid.png)
  -h, --help              this help

Example:
  latent-explorables grid "a sheep riding a motorcycle" --guidance 1,3,7.5 --seeds 1,2,3 -o grid.png

${OUTPUT_NOTE}

${EXIT_CODES_TEXT}`,

  walk: `Usage: latent-explorables walk <prompt> [--to-seed <n>] [--to-prompt <text>] [options]

Walks from (prompt, --seed) to (--to-prompt, --to-seed) in --frames frames and writes
them as a labelled PNG strip. Frame t starts from the spherical interpolation (slerp) of
the two seeds' noise, which keeps the noise as long as a real draw (a straight line
shrinks it to 0.71 of that at the middle, and the middle frames wash out), and is
conditioned on the linear interpolation of the two prompts' text-encoder states. The
frames are denoised side by side. Give --to-seed, --to-prompt or both.

Options:
      --to-seed <n>       the seed the walk ends at (default: --seed)
      --to-prompt <text>  the prompt the walk ends at (default: the prompt)
      --frames <n>        frames from end to end inclusive, 2…64 (default 9; an odd count
                          has a frame at t = 0.5)
${RUN_OPTIONS.replace('(default: random, printed)', '(default: random)')}
      --scale <n>         enlarge each frame n times, nearest-neighbour (default 1)
  -o, --output <file>     PNG strip to write (default walk.png); 16 frames a row
      --record <file>     also write the walk as a recording (.lxt): one recorded step per
                          frame (its last denoising step, the decoded frame as its decoded
                          picture), so settings.steps counts the frames; the header's seed
                          is --seed
      --dtype <type>      the recording's float16 (default) or float32
      --picture-bits <n>  bits kept per colour channel of the recorded frames, 1…8
                          (default 8, lossless; fewer bits, smaller pictures)
  -h, --help              this help

Examples:
  latent-explorables walk "a sheep riding a motorcycle" --seed 1 --to-seed 2 --frames 9 -o walk.png --record walk.lxt
  latent-explorables walk "a red car" --to-prompt "a blue boat" --seed 5 --frames 7 -o prompts.png

${OUTPUT_NOTE}

${EXIT_CODES_TEXT}`,

  inspect: `Usage: latent-explorables inspect <file.lxt> [options]

Prints a recording's header: prompt, seed, model, scheduler, sizes and its steps. Text from
the recording is printed with control characters escaped. Reads regular files of at most
2 GiB that start with the .lxt signature.

Options:
      --json              print the whole header as JSON instead
  -h, --help              this help

${EXIT_CODES_TEXT}`,
};

/** The overview shown by `--help` and after a usage error with no command. */
export const OVERVIEW = `Usage: latent-explorables <command> [options]

Text-to-image diffusion, one step at a time, from the command line.

Commands:
  generate <prompt>   write the final image as a PNG
  record <prompt>     write every step's tensors as a recording (.lxt)
  grid <prompt>       write a labelled grid of seeds × guidance scales
  inspect <file.lxt>  print a recording's header
  walk <prompt>       write the frames of a walk between two seeds or prompts

Options:
  -h, --help          help (also: latent-explorables <command> --help)
  -v, --version       print the version

${EXIT_CODES_TEXT}`;
