import { describe, expect, it } from 'vitest';
import {
  BILSTM_FORMAT,
  BilstmTagger,
  halfToFloat,
  type BilstmFile,
  type StoredArray,
} from './bilstm-tagger.js';
import type { TokenInputs } from './token-inputs.js';

/**
 * A tiny network whose every weight is `0.5 * sin(0.7 * k + seed)` (k the flat index; embedding
 * row 0, the padding row, zero). The expected emissions and path were computed by PyTorch with the
 * training code itself (training/attribution_bilstm.py's `Tagger.emissions` and `viterbi`, the
 * same weights and inputs, LSTM biases split as bias_ih = the formula, bias_hh = 0), by
 * training/attribution_bilstm_fixture.py.
 */
function formula(shape: readonly number[], seed: number, embedding: boolean): StoredArray {
  const count = shape.reduce((product, size) => product * size, 1);
  const values = Float32Array.from({ length: count }, (_, k) => 0.5 * Math.sin(0.7 * k + seed));
  if (embedding) values.fill(0, 0, shape[1]);
  return {
    shape,
    dtype: 'float32',
    data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64'),
  };
}

const TAGS = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'];

const TINY: BilstmFile = {
  format: BILSTM_FORMAT,
  about: {},
  hyperparameters: {
    wordDim: 3,
    charDim: 2,
    charFilters: 2,
    charMaxLength: 4,
    featureDim: 2,
    smallFeatureDim: 1,
    hidden: 2,
  },
  features: ['shapes', 'cues', 'partsOfSpeech', 'quotes', 'sentencePlaces'],
  tags: TAGS,
  vocabularies: {
    words: ['<pad>', '<unk>', 'he', 'said'],
    chars: ['<pad>', '<unk>', 'a', 'd', 'e', 'h', 'i', 's'],
    shapes: ['<pad>', '<unk>', 'x', 'Xx', '.'],
    cues: ['<pad>', '<unk>', '', 'say'],
    partsOfSpeech: ['<pad>', '<unk>', 'PRON', 'VERB', 'PUNCT'],
    quotes: ['<pad>', '<unk>', 'out', 'in'],
    sentencePlaces: ['<pad>', '<unk>', 'B', 'I', 'E'],
  },
  weights: {
    words: formula([4, 3], 1, true),
    chars: formula([8, 2], 2, true),
    charConvWeight: formula([2, 2, 3], 3, false),
    charConvBias: formula([2], 4, false),
    'feature.shapes': formula([5, 2], 5, true),
    'feature.cues': formula([4, 2], 6, true),
    'feature.partsOfSpeech': formula([5, 2], 7, true),
    'feature.quotes': formula([4, 1], 8, true),
    'feature.sentencePlaces': formula([5, 1], 9, true),
    forwardInput: formula([8, 13], 10, false),
    forwardHidden: formula([8, 2], 11, false),
    forwardBias: formula([8], 12, false),
    backwardInput: formula([8, 13], 13, false),
    backwardHidden: formula([8, 2], 14, false),
    backwardBias: formula([8], 15, false),
    outputWeight: formula([7, 4], 16, false),
    outputBias: formula([7], 17, false),
    transitions: formula([8, 7], 18, false),
  },
};

/** "Hezbollah" is an unknown word, longer than charMaxLength; PROPN an unknown part of speech. */
const INPUTS: TokenInputs = {
  raw: ['He', 'said', 'Hezbollah', '.'],
  words: ['he', 'said', 'hezbollah', '.'],
  shapes: ['Xx', 'x', 'Xx', '.'],
  cues: ['', 'say', '', ''],
  partsOfSpeech: ['PRON', 'VERB', 'PROPN', 'PUNCT'],
  quotes: ['out', 'out', 'in', 'out'],
  sentencePlaces: ['B', 'I', 'I', 'E'],
};

// prettier-ignore
const EXPECTED_EMISSIONS = [
  -0.367799, -0.604104, -0.051639, -0.040418, 0.550872, 0.391323, 0.413355,
  -0.434586, -0.534052, -0.116861, 0.012438, 0.516492, 0.403256, 0.425248,
  -0.466623, -0.493893, -0.1605, 0.054514, 0.48084, 0.428364, 0.413585,
  -0.44555, -0.520938, -0.130608, 0.02523, 0.506133, 0.409985, 0.422926,
];

describe('BiLSTM-CRF tagger (TypeScript forward pass)', () => {
  const tagger = new BilstmTagger(TINY);

  it('computes the emissions PyTorch computes for the same network', () => {
    const emissions = tagger.emissions(INPUTS);
    expect(emissions).toHaveLength(EXPECTED_EMISSIONS.length);
    emissions.forEach((value, index) => {
      expect(value).toBeCloseTo(EXPECTED_EMISSIONS[index]!, 5);
    });
  });

  it('decodes the path the Python Viterbi finds', () => {
    expect(tagger.tag(INPUTS)).toEqual(['B-content', 'B-content', 'B-content', 'B-content']);
  });

  it('tags an empty sequence as nothing', () => {
    const empty: TokenInputs = {
      raw: [],
      words: [],
      shapes: [],
      cues: [],
      partsOfSpeech: [],
      quotes: [],
      sentencePlaces: [],
    };
    expect(tagger.tag(empty)).toEqual([]);
  });

  it('refuses weights of the wrong shape', () => {
    const broken = { ...TINY, weights: { ...TINY.weights, outputBias: formula([6], 17, false) } };
    expect(() => new BilstmTagger(broken)).toThrow(/outputBias/);
  });
});

describe('halfToFloat', () => {
  it('reads IEEE half-precision bits', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.33325, 5);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x0000)).toBe(0);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
  });
});
