/**
 * The stance model's arithmetic: a softmax classifier over sparse features (a vocabulary of
 * string keys with values) and standardised dense features, either linear (multinomial logistic
 * regression, `hidden` 0) or with one hidden ReLU layer. Training lives in `train-network.ts`;
 * this file only scores, and reads and writes the weights.
 */

export interface NetworkShape {
  /** Sparse feature keys, in row order. */
  readonly vocabulary: readonly string[];
  readonly denseCount: number;
  /** Hidden units; 0 for a linear model. */
  readonly hidden: number;
  readonly classes: number;
}

/** A feature vector with its sparse part already mapped to rows of the vocabulary. */
export interface IndexedFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  /** Standardised dense features. */
  readonly dense: Float32Array;
}

/** Quantised weights as stored: int8 per row with one float scale per row, base64. */
export interface QuantisedMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly scales: readonly number[];
  readonly data: string;
}

export interface NetworkFile {
  readonly vocabulary: readonly string[];
  readonly denseCount: number;
  readonly hidden: number;
  readonly classes: number;
  readonly sparseWeights: QuantisedMatrix;
  readonly denseWeights: QuantisedMatrix;
  readonly firstBias: readonly number[];
  readonly outputWeights: QuantisedMatrix | null;
  readonly outputBias: readonly number[];
}

export class StanceNetwork {
  readonly shape: NetworkShape;
  /** Width of the first layer's output: the hidden units, or the classes for a linear model. */
  readonly firstWidth: number;
  readonly sparseWeights: Float32Array;
  readonly denseWeights: Float32Array;
  readonly firstBias: Float32Array;
  readonly outputWeights: Float32Array;
  readonly outputBias: Float32Array;
  private readonly rowOf: Map<string, number>;

  constructor(shape: NetworkShape) {
    this.shape = shape;
    this.firstWidth = shape.hidden > 0 ? shape.hidden : shape.classes;
    this.sparseWeights = new Float32Array(shape.vocabulary.length * this.firstWidth);
    this.denseWeights = new Float32Array(shape.denseCount * this.firstWidth);
    this.firstBias = new Float32Array(this.firstWidth);
    this.outputWeights = new Float32Array(shape.hidden * shape.classes);
    this.outputBias = new Float32Array(shape.hidden > 0 ? shape.classes : 0);
    this.rowOf = new Map(shape.vocabulary.map((key, index) => [key, index]));
  }

  /** Maps a feature list to vocabulary rows, dropping keys the model never saw. */
  index(sparse: readonly (readonly [string, number])[], dense: Float32Array): IndexedFeatures {
    const indices: number[] = [];
    const values: number[] = [];
    for (const [key, value] of sparse) {
      const row = this.rowOf.get(key);
      if (row === undefined || value === 0) continue;
      indices.push(row);
      values.push(value);
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values), dense };
  }

  /** The first layer's pre-activation for one example, written into `out`. */
  firstLayer(features: IndexedFeatures, out: Float32Array): void {
    const width = this.firstWidth;
    out.set(this.firstBias);
    const { indices, values, dense } = features;
    for (let k = 0; k < indices.length; k++) {
      const offset = indices[k]! * width;
      const value = values[k]!;
      for (let j = 0; j < width; j++) out[j]! += value * this.sparseWeights[offset + j]!;
    }
    for (let d = 0; d < dense.length; d++) {
      const value = dense[d]!;
      if (value === 0) continue;
      const offset = d * width;
      for (let j = 0; j < width; j++) out[j]! += value * this.denseWeights[offset + j]!;
    }
  }

  /** Class scores (logits) for one example. */
  logits(features: IndexedFeatures): Float32Array {
    const first = new Float32Array(this.firstWidth);
    this.firstLayer(features, first);
    if (this.shape.hidden === 0) return first;
    const classes = this.shape.classes;
    const out = Float32Array.from(this.outputBias);
    for (let j = 0; j < this.shape.hidden; j++) {
      const activation = first[j]!;
      if (activation <= 0) continue;
      for (let c = 0; c < classes; c++)
        out[c]! += activation * this.outputWeights[j * classes + c]!;
    }
    return out;
  }

  toFile(): NetworkFile {
    const width = this.firstWidth;
    return {
      vocabulary: this.shape.vocabulary,
      denseCount: this.shape.denseCount,
      hidden: this.shape.hidden,
      classes: this.shape.classes,
      sparseWeights: quantise(this.sparseWeights, this.shape.vocabulary.length, width),
      denseWeights: quantise(this.denseWeights, this.shape.denseCount, width),
      firstBias: [...this.firstBias].map(round),
      outputWeights:
        this.shape.hidden > 0
          ? quantise(this.outputWeights, this.shape.hidden, this.shape.classes)
          : null,
      outputBias: [...this.outputBias].map(round),
    };
  }

  static fromFile(file: NetworkFile): StanceNetwork {
    const network = new StanceNetwork({
      vocabulary: file.vocabulary,
      denseCount: file.denseCount,
      hidden: file.hidden,
      classes: file.classes,
    });
    network.sparseWeights.set(dequantise(file.sparseWeights));
    network.denseWeights.set(dequantise(file.denseWeights));
    network.firstBias.set(file.firstBias);
    if (file.outputWeights) network.outputWeights.set(dequantise(file.outputWeights));
    network.outputBias.set(file.outputBias);
    return network;
  }
}

/** Six significant digits: what a float32 carries, and a shorter file. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

/** int8 per row: each row scaled so that its largest weight is ±127. */
export function quantise(weights: Float32Array, rows: number, columns: number): QuantisedMatrix {
  const bytes = new Int8Array(rows * columns);
  const scales: number[] = [];
  for (let row = 0; row < rows; row++) {
    let largest = 0;
    for (let column = 0; column < columns; column++) {
      largest = Math.max(largest, Math.abs(weights[row * columns + column]!));
    }
    const scale = round(largest / 127);
    scales.push(scale);
    for (let column = 0; column < columns; column++) {
      const index = row * columns + column;
      bytes[index] = scale > 0 ? Math.round(weights[index]! / scale) : 0;
    }
  }
  return {
    rows,
    columns,
    scales,
    data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
}

export function dequantise(matrix: QuantisedMatrix): Float32Array {
  const buffer = Buffer.from(matrix.data, 'base64');
  const bytes = new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes.length !== matrix.rows * matrix.columns) {
    throw new Error(
      `stance model: a ${matrix.rows}×${matrix.columns} matrix holds ${bytes.length} weights`,
    );
  }
  const weights = new Float32Array(bytes.length);
  for (let row = 0; row < matrix.rows; row++) {
    const scale = matrix.scales[row] ?? 0;
    for (let column = 0; column < matrix.columns; column++) {
      const index = row * matrix.columns + column;
      weights[index] = bytes[index]! * scale;
    }
  }
  return weights;
}
