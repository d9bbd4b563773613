import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PipelineError } from '../../model/errors.js';
import { allowedMatrix, viterbi } from '../../tagging/sequence-tagger.js';
import type { TokenInputs } from './token-inputs.js';

/**
 * A BiLSTM-CRF sequence tagger run in plain TypeScript (Float32Array arithmetic), with weights
 * trained by training/attribution_bilstm.py. Per token: a word embedding, a max-pooled character
 * CNN and small embeddings of categorical inputs (`TokenInputs`), concatenated; one bidirectional
 * LSTM layer; a linear layer to tag scores; Viterbi over the CRF's transitions with BIO
 * constraints (the linear tagger's `viterbi`).
 */

export const BILSTM_FORMAT = 'triangulate-bilstm-tagger/1';

/** One weight array: base64 little-endian floats, row-major in `shape`. */
export interface StoredArray {
  readonly shape: readonly number[];
  readonly dtype: 'float16' | 'float32';
  readonly data: string;
}

/** The model file (gzipped JSON) as the Python trainer writes it. */
export interface BilstmFile {
  readonly format: string;
  readonly about: Record<string, unknown>;
  readonly hyperparameters: Record<string, number>;
  /** Names of the categorical inputs, in the order their embeddings are concatenated. */
  readonly features: readonly FeatureName[];
  readonly tags: readonly string[];
  /** Per input: index → value; index 0 pads, 1 stands for anything unknown. */
  readonly vocabularies: Readonly<Record<string, readonly string[]>>;
  readonly weights: Readonly<Record<string, StoredArray>>;
}

/** The categorical inputs a model may embed (keys of `TokenInputs`). */
export type FeatureName = 'shapes' | 'cues' | 'partsOfSpeech' | 'quotes' | 'sentencePlaces';

const UNKNOWN = 1;
/**
 * Token texts whose word-and-character input projections are kept (2 KB each at hidden 64): an
 * article repeats most of its words and news repeats most of its vocabulary; the cache is emptied
 * when full rather than tracking recency.
 */
const PROJECTION_CACHE_SIZE = 50_000;

/** IEEE half-precision bits to a number (subnormals, infinities and NaN included). */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** A stored array as float32 values, checked against the shape expected. */
function decode(
  stored: StoredArray | undefined,
  name: string,
  shape: readonly number[],
): Float32Array {
  if (!stored) throw new PipelineError('bad-model', `BiLSTM model: no weights "${name}"`);
  if (stored.shape.length !== shape.length || stored.shape.some((size, i) => size !== shape[i])) {
    throw new PipelineError(
      'bad-model',
      `BiLSTM model: "${name}" has shape [${stored.shape.join(', ')}], expected [${shape.join(', ')}]`,
    );
  }
  const bytes = Buffer.from(stored.data, 'base64');
  const count = shape.reduce((product, size) => product * size, 1);
  const values = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = stored.dtype === 'float16' ? 2 : 4;
  if (bytes.byteLength !== count * width) {
    throw new PipelineError('bad-model', `BiLSTM model: "${name}" holds the wrong number of bytes`);
  }
  for (let index = 0; index < count; index++) {
    values[index] =
      width === 2 ? halfToFloat(view.getUint16(2 * index, true)) : view.getFloat32(4 * index, true);
  }
  return values;
}

/** An embedding table with its vocabulary. */
interface Embedding {
  readonly index: ReadonlyMap<string, number>;
  readonly dimension: number;
  readonly table: Float32Array;
}

/** One LSTM direction: [4H][input] and [4H][H] weights (gates i, f, g, o) and the summed biases. */
interface LstmDirection {
  readonly input: Float32Array;
  readonly hidden: Float32Array;
  readonly bias: Float32Array;
}

const sigmoid = (value: number): number => 1 / (1 + Math.exp(-value));

/** `weights[row …row + count) · vector[0 …count)`, four products at a time (V8 keeps them apart). */
function dot(weights: Float32Array, row: number, vector: Float32Array, count: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let index = 0;
  for (; index + 3 < count; index += 4) {
    a += weights[row + index]! * vector[index]!;
    b += weights[row + index + 1]! * vector[index + 1]!;
    c += weights[row + index + 2]! * vector[index + 2]!;
    d += weights[row + index + 3]! * vector[index + 3]!;
  }
  for (; index < count; index++) a += weights[row + index]! * vector[index]!;
  return a + b + (c + d);
}

export class BilstmTagger {
  readonly tags: readonly string[];
  readonly about: Record<string, unknown>;
  private readonly words: Embedding;
  private readonly chars: Embedding;
  private readonly features: readonly { name: FeatureName; embedding: Embedding }[];
  /** The categorical inputs embedded, in order. */
  readonly featureNames: readonly FeatureName[];
  private readonly charFilters: number;
  private readonly charMaxLength: number;
  /** [filter][charDimension][3] */
  private readonly charConvWeight: Float32Array;
  private readonly charConvBias: Float32Array;
  private readonly inputSize: number;
  private readonly hiddenSize: number;
  private readonly forward: LstmDirection;
  private readonly backward: LstmDirection;
  /** [tag][2H] */
  private readonly outputWeight: Float32Array;
  private readonly outputBias: Float32Array;
  /** [(previous tag, or tags.length for the start)][tag] */
  private readonly transitions: Float32Array;
  private readonly allowed: Uint8Array;
  /** Per categorical input: each value's embedding times both directions' input weights, [value][8H]. */
  private readonly featureProjections: readonly {
    name: FeatureName;
    embedding: Embedding;
    table: Float32Array;
  }[];
  private readonly projectionCache = new Map<string, Float32Array>();

  constructor(file: BilstmFile) {
    if (file.format !== BILSTM_FORMAT) {
      throw new PipelineError(
        'bad-model',
        `BiLSTM model: format "${file.format}" is not ${BILSTM_FORMAT}`,
      );
    }
    const hyper = file.hyperparameters;
    const dimension = (name: string): number => {
      const value = hyper[name];
      if (typeof value !== 'number') {
        throw new PipelineError('bad-model', `BiLSTM model: no hyperparameter "${name}"`);
      }
      return value;
    };
    const embedding = (vocabulary: string, weights: string, size: number): Embedding => {
      const values = file.vocabularies[vocabulary];
      if (!values)
        throw new PipelineError('bad-model', `BiLSTM model: no vocabulary "${vocabulary}"`);
      return {
        index: new Map(values.map((value, index) => [value, index])),
        dimension: size,
        table: decode(file.weights[weights], weights, [values.length, size]),
      };
    };
    this.tags = file.tags;
    this.about = file.about;
    this.words = embedding('words', 'words', dimension('wordDim'));
    this.chars = embedding('chars', 'chars', dimension('charDim'));
    this.charFilters = dimension('charFilters');
    this.charMaxLength = dimension('charMaxLength');
    const small = new Set<FeatureName>(['quotes', 'sentencePlaces']);
    this.features = file.features.map((name) => ({
      name,
      embedding: embedding(
        name,
        `feature.${name}`,
        dimension(small.has(name) ? 'smallFeatureDim' : 'featureDim'),
      ),
    }));
    this.featureNames = file.features;
    this.charConvWeight = decode(file.weights['charConvWeight'], 'charConvWeight', [
      this.charFilters,
      this.chars.dimension,
      3,
    ]);
    this.charConvBias = decode(file.weights['charConvBias'], 'charConvBias', [this.charFilters]);
    this.inputSize =
      this.words.dimension +
      this.charFilters +
      this.features.reduce((sum, { embedding }) => sum + embedding.dimension, 0);
    const hidden = dimension('hidden');
    this.hiddenSize = hidden;
    const direction = (prefix: string): LstmDirection => ({
      input: decode(file.weights[`${prefix}Input`], `${prefix}Input`, [4 * hidden, this.inputSize]),
      hidden: decode(file.weights[`${prefix}Hidden`], `${prefix}Hidden`, [4 * hidden, hidden]),
      bias: decode(file.weights[`${prefix}Bias`], `${prefix}Bias`, [4 * hidden]),
    });
    this.forward = direction('forward');
    this.backward = direction('backward');
    const tagCount = this.tags.length;
    this.outputWeight = decode(file.weights['outputWeight'], 'outputWeight', [
      tagCount,
      2 * hidden,
    ]);
    this.outputBias = decode(file.weights['outputBias'], 'outputBias', [tagCount]);
    this.transitions = decode(file.weights['transitions'], 'transitions', [tagCount + 1, tagCount]);
    this.allowed = allowedMatrix(this.tags);
    let column = this.words.dimension + this.charFilters;
    this.featureProjections = this.features.map(({ name, embedding }) => {
      const width = 8 * hidden;
      const values = embedding.table.length / embedding.dimension;
      const table = new Float32Array(values * width);
      for (let value = 0; value < values; value++) {
        const vector = embedding.table.subarray(
          value * embedding.dimension,
          (value + 1) * embedding.dimension,
        );
        table.set(this.project(vector, column), value * width);
      }
      column += embedding.dimension;
      return { name, embedding, table };
    });
  }

  static load(path: string): BilstmTagger {
    let file: BilstmFile;
    try {
      file = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as BilstmFile;
    } catch (error) {
      throw new PipelineError(
        'bad-model',
        `${path}: cannot read the model (${(error as Error).message})`,
      );
    }
    return new BilstmTagger(file);
  }

  /** The tags of one sequence (empty for an empty one). */
  tag(inputs: TokenInputs): string[] {
    const length = inputs.words.length;
    if (length === 0) return [];
    const path = viterbi(
      this.emissions(inputs),
      length,
      this.tags.length,
      this.transitions,
      this.allowed,
    );
    return Array.from(path, (tag) => this.tags[tag]!);
  }

  /** Tag scores per token, [token][tag], before the CRF. */
  emissions(inputs: TokenInputs): Float32Array {
    const length = inputs.words.length;
    const hidden = this.hiddenSize;
    const projections = this.inputProjections(inputs);
    const forwardStates = this.run(this.forward, projections, 0, length, false);
    const backwardStates = this.run(this.backward, projections, 4 * hidden, length, true);
    const tagCount = this.tags.length;
    const scores = new Float32Array(length * tagCount);
    const weight = this.outputWeight;
    for (let token = 0; token < length; token++) {
      const state = token * hidden;
      for (let tag = 0; tag < tagCount; tag++) {
        const row = tag * 2 * hidden;
        let sum = this.outputBias[tag]!;
        for (let unit = 0; unit < hidden; unit++) {
          sum += weight[row + unit]! * forwardStates[state + unit]!;
          sum += weight[row + hidden + unit]! * backwardStates[state + unit]!;
        }
        scores[token * tagCount + tag] = sum;
      }
    }
    return scores;
  }

  /**
   * Each token's input vector times both directions' input weights (without biases), [token][8H]:
   * forward gates then backward gates. The input is a concatenation, so its projection is a sum of
   * per-part projections: word + characters (a function of the token's text, cached per text) and
   * each categorical input (a table computed at load). This is where most of the arithmetic of a
   * plain implementation went; the recurrence is what is left per token.
   */
  private inputProjections(inputs: TokenInputs): Float32Array {
    const length = inputs.words.length;
    const width = 8 * this.hiddenSize;
    const projections = new Float32Array(length * width);
    for (let token = 0; token < length; token++) {
      const at = token * width;
      projections.set(this.tokenProjection(inputs.raw[token]!, inputs.words[token]!), at);
      for (const { name, embedding, table } of this.featureProjections) {
        const row = (embedding.index.get(inputs[name][token]!) ?? UNKNOWN) * width;
        for (let gate = 0; gate < width; gate++) projections[at + gate]! += table[row + gate]!;
      }
    }
    return projections;
  }

  /** The word and character parts of a token's input projection, cached by its text. */
  private tokenProjection(raw: string, word: string): Float32Array {
    const known = this.projectionCache.get(raw);
    if (known) return known;
    const vector = new Float32Array(this.words.dimension + this.charFilters);
    const row = this.words.index.get(word) ?? UNKNOWN;
    vector.set(
      this.words.table.subarray(row * this.words.dimension, (row + 1) * this.words.dimension),
    );
    this.charFeatures(raw, vector.subarray(this.words.dimension));
    const projection = this.project(vector, 0);
    if (this.projectionCache.size >= PROJECTION_CACHE_SIZE) this.projectionCache.clear();
    this.projectionCache.set(raw, projection);
    return projection;
  }

  /**
   * `vector` (input columns `column …`) times both directions' input weights: [8H], forward gates
   * then backward gates.
   */
  private project(vector: Float32Array, column: number): Float32Array {
    const gates = 4 * this.hiddenSize;
    const size = this.inputSize;
    const projection = new Float32Array(2 * gates);
    const count = vector.length;
    for (const [offset, weights] of [
      [0, this.forward.input],
      [gates, this.backward.input],
    ] as const) {
      for (let gate = 0; gate < gates; gate++) {
        const base = gate * size + column;
        let sum = 0;
        for (let d = 0; d < count; d++) sum += weights[base + d]! * vector[d]!;
        projection[offset + gate] = sum;
      }
    }
    return projection;
  }

  /** The character CNN: width-3 convolution over the code points (zero beyond both ends), max, ReLU. */
  private charFeatures(raw: string, out: Float32Array): void {
    const characters = Array.from(raw).slice(0, this.charMaxLength);
    const rows = characters.length
      ? characters.map((character) => this.chars.index.get(character) ?? UNKNOWN)
      : [UNKNOWN];
    const dimension = this.chars.dimension;
    const table = this.chars.table;
    const weight = this.charConvWeight;
    out.fill(-Infinity);
    for (let position = 0; position < rows.length; position++) {
      for (let filter = 0; filter < this.charFilters; filter++) {
        let sum = this.charConvBias[filter]!;
        for (let offset = 0; offset < 3; offset++) {
          const at = position - 1 + offset;
          if (at < 0 || at >= rows.length) continue;
          const row = rows[at]! * dimension;
          for (let d = 0; d < dimension; d++) {
            sum += weight[(filter * dimension + d) * 3 + offset]! * table[row + d]!;
          }
        }
        if (sum > out[filter]!) out[filter] = sum;
      }
    }
    for (let filter = 0; filter < this.charFilters; filter++) {
      if (out[filter]! < 0) out[filter] = 0;
    }
  }

  /** One LSTM direction over the sequence; hidden states in token order, [token][H]. */
  private run(
    direction: LstmDirection,
    projections: Float32Array,
    offset: number,
    length: number,
    reverse: boolean,
  ): Float32Array {
    const hidden = this.hiddenSize;
    const gateCount = 4 * hidden;
    const width = 2 * gateCount;
    const states = new Float32Array(length * hidden);
    const gates = new Float32Array(gateCount);
    const cell = new Float32Array(hidden);
    let previous = new Float32Array(hidden);
    const { bias } = direction;
    const recurrent = direction.hidden;
    for (let step = 0; step < length; step++) {
      const token = reverse ? length - 1 - step : step;
      const x = token * width + offset;
      for (let gate = 0; gate < gateCount; gate++) {
        const base = bias[gate]! + projections[x + gate]!;
        gates[gate] = step === 0 ? base : base + dot(recurrent, gate * hidden, previous, hidden);
      }
      const state = states.subarray(token * hidden, (token + 1) * hidden);
      for (let unit = 0; unit < hidden; unit++) {
        const inputGate = sigmoid(gates[unit]!);
        const forgetGate = sigmoid(gates[hidden + unit]!);
        const candidate = Math.tanh(gates[2 * hidden + unit]!);
        const outputGate = sigmoid(gates[3 * hidden + unit]!);
        const value = forgetGate * cell[unit]! + inputGate * candidate;
        cell[unit] = value;
        state[unit] = outputGate * Math.tanh(value);
      }
      previous = state;
    }
    return states;
  }
}
