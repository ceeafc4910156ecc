import { clipTokenizerJson } from '../tokenizers/clip-tokenizer-json.js';
import { CLIP_MAX_LENGTH, createClipTokenizer } from '../tokenizers/clip-tokenizer.js';
import { clipVocabulary, gunzipText } from '../tokenizers/clip-vocabulary.js';
import type { PromptTokenizer } from '../tokenizers/types.js';
import { createWordLevelTokenizer, parseWordMap } from '../tokenizers/word-level-tokenizer.js';
import { ModelLoadError } from './errors.js';
import type { ModelConfig } from './model-config.js';
import { readJson, type ModelSource, type ReadOptions } from './source.js';

/** File name of OpenAI's CLIP BPE vocabulary inside the bundled-assets folder. */
export const CLIP_BPE_FILE = 'bpe_simple_vocab_16e6.txt.gz';

async function optionalJson(source: ModelSource, path: string, options: ReadOptions): Promise<Record<string, unknown>> {
  if (!(await source.exists(path, options))) return {};
  const value = await readJson(source, path, options);
  if (typeof value !== 'object' || value === null) throw new ModelLoadError(path, 'must hold a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The model's tokenizer. Word-level models read `tokenizer/tokenizer.json` and the optional
 * `tokenizer/word_map.json`. CLIP models use, in order: `tokenizer/tokenizer.json`, the
 * `vocab.json` + `merges.txt` pair that diffusers repos ship, or the bundled CLIP vocabulary
 * (`clipAssets`), which saves a 1.7 MB download per model.
 */
export async function loadTokenizer(
  source: ModelSource,
  config: ModelConfig,
  clipAssets: ModelSource | undefined,
  options: ReadOptions,
): Promise<PromptTokenizer> {
  if (config.tokenizerType === 'word-level') {
    const json = await readJson(source, 'tokenizer/tokenizer.json', options);
    const mapFile = config.wordMapFile;
    const wordMap = (await source.exists(mapFile, options))
      ? await parseOrThrow(mapFile, async () => parseWordMap(await readJson(source, mapFile, options)))
      : null;
    return parseOrThrow('tokenizer/tokenizer.json', () => createWordLevelTokenizer(json, wordMap, config.textMaxLength));
  }
  const tokenizerConfig = {
    ...(await optionalJson(source, 'tokenizer/special_tokens_map.json', options)),
    ...(await optionalJson(source, 'tokenizer/tokenizer_config.json', options)),
  };
  const declared = tokenizerConfig['model_max_length'];
  const maxLength = typeof declared === 'number' && Number.isInteger(declared) && declared > 0 && declared <= 4096 ? declared : CLIP_MAX_LENGTH;
  const json = await clipJson(source, clipAssets, options);
  return parseOrThrow('tokenizer/tokenizer_config.json', () => createClipTokenizer(json, tokenizerConfig, maxLength));
}

async function clipJson(source: ModelSource, clipAssets: ModelSource | undefined, options: ReadOptions): Promise<Record<string, unknown>> {
  if (await source.exists('tokenizer/tokenizer.json', options)) {
    return (await readJson(source, 'tokenizer/tokenizer.json', options)) as Record<string, unknown>;
  }
  if (await source.exists('tokenizer/vocab.json', options)) {
    const vocab = (await readJson(source, 'tokenizer/vocab.json', options)) as Record<string, number>;
    const mergesText = new TextDecoder().decode(await source.read('tokenizer/merges.txt', options));
    const merges = mergesText.split('\n').filter((line) => line.length > 0 && !line.startsWith('#version'));
    return clipTokenizerJson(new Map(Object.entries(vocab)), merges);
  }
  if (!clipAssets) {
    throw new ModelLoadError('tokenizer/vocab.json', 'is missing and no bundled CLIP vocabulary was given');
  }
  return bundledClipJson(clipAssets, options);
}

/** Parsed bundled vocabularies by folder id: the file never changes, and parsing 49k entries is slow. */
const bundled = new Map<string, Promise<Record<string, unknown>>>();

function bundledClipJson(clipAssets: ModelSource, options: ReadOptions): Promise<Record<string, unknown>> {
  let json = bundled.get(clipAssets.id);
  if (!json) {
    json = (async () => {
      const { vocab, merges } = clipVocabulary(await gunzipText(await clipAssets.read(CLIP_BPE_FILE, options)));
      return clipTokenizerJson(vocab, merges);
    })();
    bundled.set(clipAssets.id, json);
    json.catch(() => bundled.delete(clipAssets.id)); // let a later load retry after a failure
  }
  return json;
}

async function parseOrThrow<T>(file: string, make: () => T | Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (cause) {
    if (cause instanceof ModelLoadError) throw cause;
    throw new ModelLoadError(file, cause instanceof Error ? cause.message : String(cause), { cause });
  }
}
