import { describe, expect, it } from 'vitest';
import { SequenceTagger, trainSequenceTagger } from '../tagging/sequence-tagger.js';
import { Gazetteer } from './gazetteer.js';
import { FULL_FEATURES, LEAN_FEATURES, NerFeatureExtractor } from './ner-features.js';
import { loadShippedNerModel, NerModel } from './ner-model.js';
import { parseConll } from './read-conll.js';

// A toy corpus in CoNLL form: enough to give every feature template some weight.
const TOY = `-DOCSTART- O

Mr. O
Brown B-PER
Smith I-PER
lives O
in O
Paris B-LOC
. O

The O
Acme B-ORG
Corp I-ORG
hired O
Green B-PER
| O
in O
Gaza B-LOC
City I-LOC

-DOCSTART- O

ACME B-ORG
HIRES O
GREEN B-PER

Green B-PER
joined O
Acme B-ORG
Corp I-ORG
, O
Reuters B-ORG
said O
.
`;

const gazetteer = new Gazetteer([
  { id: 'city', label: 'LOC', note: 'test', entries: ['Gaza City', 'Paris'] },
  { id: 'title', label: 'cue-PER', note: 'test', entries: ['Mr.'] },
]);

const SENTENCES = [
  ['Mr.', 'Green', 'left', 'Gaza', 'City', 'for', 'Paris', '.'],
  ['ACME', 'CORP', 'HIRES', 'BROWN'],
  ['Acme', '|', 'Brown', '|', 'said', 'Reuters', 'in', 'Lyon'],
  ['Smith'],
];

describe('NerDecoder', () => {
  for (const [name, options] of [
    ['full', FULL_FEATURES],
    ['lean', LEAN_FEATURES],
  ] as const) {
    it(`tags exactly as SequenceTagger.tag on feature strings (${name} templates)`, () => {
      const extractor = new NerFeatureExtractor(options, gazetteer);
      const training = parseConll(TOY).flatMap((document) => {
        const context = extractor.documentContext(document.sentences.map((s) => s.words));
        return document.sentences.map((sentence) => ({
          features: extractor.sentenceFeatures(sentence.words, context),
          tags: sentence.tags,
        }));
      });
      // Read back from its file, so that both paths use the same (quantised) weights.
      const tagger = SequenceTagger.fromFile(
        trainSequenceTagger(training, { epochs: 5, seed: 3 }).toFile(),
      );
      const model = new NerModel(tagger, extractor);
      const tags = model.tagDocument(SENTENCES);
      expect(tags).toEqual(model.tagDocumentWithStrings(SENTENCES));
      expect(tags[0]).toContain('B-PER');
    });
  }

  it('agrees with the string path on the shipped model', () => {
    const model = loadShippedNerModel();
    const sentences = [
      ['EU', 'rejects', 'German', 'call', 'to', 'boycott', 'British', 'lamb', '.'],
      ['Peter', 'Blackburn'],
      ['BRUSSELS', '1996-08-22'],
      ['Hamas', 'spokesperson', 'Hazem', 'Qassem', 'said', 'in', 'Gaza', 'City', '.'],
      ['The', 'U.S.', 'Secretary', 'of', 'State', 'met', 'Blackburn', '|', 'in', 'Kovač', '.'],
    ];
    expect(model.tagDocument(sentences)).toEqual(model.tagDocumentWithStrings(sentences));
    expect(model.tagDocument(sentences)[0]).toEqual([
      'B-ORG',
      'O',
      'B-MISC',
      'O',
      'O',
      'O',
      'B-MISC',
      'O',
      'O',
    ]);
  });
});
