import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { TokenizedPrompt } from '../../pipeline/tokenizers/types.js';

/**
 * The parts of a text-to-image run as the map draws them, in the order data flows through
 * them, each with the plain sentence that says what it does and the element that explains it
 * at length. What each part holds at a moment of a run is summed up from a `MapSnapshot`.
 */

/** The elements a part can point the reader to. */
export type ExplainingElement = 'lx-prompt-tokens' | 'lx-seed-comparison' | 'lx-denoising-player' | 'lx-noise-schedule' | 'lx-guidance-comparison';

/** Which part of the run. */
export type PipelinePartId = 'prompt' | 'tokenizer' | 'text-encoder' | 'seed' | 'loop' | 'unet' | 'guidance' | 'scheduler' | 'decoder';

/** One box of the map. */
export interface PipelinePart {
  readonly id: PipelinePartId;
  readonly title: string;
  /** What it does, for a reader who has never heard of a tensor. */
  readonly plain: string;
  /** The element that explains it. */
  readonly explainedBy: ExplainingElement;
  /** Where it sits: before the loop (the words and the noise), inside it, or after it. */
  readonly stage: 'before' | 'loop' | 'after';
}

/** Detail of `lx-open-part`: which part the reader chose and where it is explained. */
export interface OpenPartDetail {
  readonly part: PipelinePartId;
  readonly element: ExplainingElement;
  /** The page it links to, when the map was given a `link-base` (or `hrefs`). */
  readonly href: string | undefined;
}

export const PIPELINE_PARTS: readonly PipelinePart[] = [
  {
    id: 'prompt',
    title: 'Your sentence',
    plain: 'The only thing you tell the painter: what to look for in the static.',
    explainedBy: 'lx-prompt-tokens',
    stage: 'before',
  },
  {
    id: 'tokenizer',
    title: 'Tokenizer',
    plain: 'Cuts the sentence into words it knows and swaps each one for its number in a fixed list.',
    explainedBy: 'lx-prompt-tokens',
    stage: 'before',
  },
  {
    id: 'text-encoder',
    title: 'Text encoder',
    plain: 'Turns every token number into a long list of numbers that carries its meaning in this sentence.',
    explainedBy: 'lx-prompt-tokens',
    stage: 'before',
  },
  {
    id: 'seed',
    title: 'Seed → starting static',
    plain: 'The seed picks which random static covers the canvas at the start. Same seed, same static.',
    explainedBy: 'lx-seed-comparison',
    stage: 'before',
  },
  {
    id: 'loop',
    title: 'The denoising loop',
    plain: 'The painter looks, guesses which specks are noise, and scrapes a little away, again and again.',
    explainedBy: 'lx-denoising-player',
    stage: 'loop',
  },
  {
    id: 'unet',
    title: 'Denoiser (UNet), asked twice',
    plain: 'Looks at the canvas and guesses its noise twice: once told your sentence, once told nothing.',
    explainedBy: 'lx-denoising-player',
    stage: 'loop',
  },
  {
    id: 'guidance',
    title: 'Guidance',
    plain: 'Takes the difference your sentence made between the two guesses and turns it up.',
    explainedBy: 'lx-guidance-comparison',
    stage: 'loop',
  },
  {
    id: 'scheduler',
    title: 'Scheduler step',
    plain: 'Scrapes away just the share of that noise the timetable allows for this step: a cleaner canvas.',
    explainedBy: 'lx-noise-schedule',
    stage: 'loop',
  },
  {
    id: 'decoder',
    title: 'Decoder (VAE) → picture',
    plain: 'The loop works on a small, coarse sketch of the picture (the latent); the decoder paints it out as real pixels.',
    explainedBy: 'lx-denoising-player',
    stage: 'after',
  },
];

/** What the map knows at one moment of a run. */
export interface MapSnapshot {
  readonly prompt: string;
  /** The prompt's tokens; null until a model has tokenized it (recordings do not store them). */
  readonly tokens: TokenizedPrompt | null;
  /** The text encoder's states for the prompt [1, S, D]; null until a model has run. */
  readonly embeddings: Tensor | null;
  /** The step shown, and the run's first step (whose input is the starting static). */
  readonly step: StepRecord | null;
  readonly first: StepRecord | null;
}

/** A part's current tensor, as text: its shape and a short note. */
export interface PartSummary {
  /** The tensor's shape as the model holds it, e.g. `[1, 4, 16, 16]`; empty when not yet known. */
  readonly shape: string;
  readonly note: string;
}

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
const WAITING_FOR_MODEL = 'appear when the model runs';

/** What `part` holds in `snapshot`. */
export function summarizePart(part: PipelinePartId, snapshot: MapSnapshot): PartSummary {
  const { step, first, tokens, embeddings } = snapshot;
  switch (part) {
    case 'prompt':
      return { shape: '', note: `“${snapshot.prompt}”` };
    case 'tokenizer':
      if (!tokens) return { shape: '', note: `the token numbers ${WAITING_FOR_MODEL}` };
      return {
        shape: shapeText([1, tokens.ids.length]),
        note: `${tokens.tokenCount} tokens, padded to ${tokens.ids.length}: ${Array.from(tokens.ids.subarray(0, tokens.tokenCount)).join(' ')}`,
      };
    case 'text-encoder':
      if (!embeddings) return { shape: '', note: `the vectors ${WAITING_FOR_MODEL}` };
      return { shape: shapeText(embeddings.shape), note: `${embeddings.shape[1]} vectors of ${embeddings.shape[2]} numbers` };
    case 'seed':
      return first ? { shape: shapeText(first.latentIn.shape), note: 'pure static: the canvas before step 1' } : { shape: '', note: '' };
    case 'loop':
      return step ? { shape: '', note: `step ${step.index + 1} of ${step.totalSteps}` } : { shape: '', note: '' };
    case 'unet':
      if (!step) return { shape: '', note: '' };
      return step.noisePredUncond
        ? { shape: `2 × ${shapeText(step.noisePredCond.shape)}`, note: 'noise guessed with the sentence, and without' }
        : { shape: shapeText(step.noisePredCond.shape), note: 'guidance is off: only the guess with the sentence' };
    case 'guidance':
      return step ? { shape: shapeText(step.noisePred.shape), note: `scale ${step.guidanceScale}: the noise the step removes` } : { shape: '', note: '' };
    case 'scheduler':
      return step ? { shape: shapeText(step.latentOut.shape), note: `t = ${Math.round(step.timestep)}, noise level σ = ${step.sigma.toFixed(2)}` } : { shape: '', note: '' };
    case 'decoder': {
      const image = step?.decodedImage;
      if (!image) return { shape: '', note: step ? 'the picture comes at the end of the run' : '' };
      const last = step.index === step.totalSteps - 1;
      return { shape: shapeText([1, 3, image.height, image.width]), note: last ? 'the finished picture' : 'a peek: the picture the model expects so far' };
    }
  }
}
