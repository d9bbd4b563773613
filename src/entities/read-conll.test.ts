import { describe, expect, it } from 'vitest';
import { parseConll, toIob2 } from './read-conll.js';

const SAMPLE = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
`;

describe('parseConll', () => {
  it('splits documents at -DOCSTART- and sentences at blank lines, keeping token and NER columns', () => {
    const documents = parseConll(SAMPLE);
    expect(documents).toHaveLength(2);
    expect(documents[0]!.sentences).toEqual([
      { words: ['EU', 'rejects', 'German', 'call'], tags: ['B-ORG', 'O', 'B-MISC', 'O'] },
      { words: ['Peter', 'Blackburn'], tags: ['B-PER', 'I-PER'] },
    ]);
    expect(documents[1]!.sentences).toEqual([{ words: ['BRUSSELS'], tags: ['B-LOC'] }]);
  });

  it('reads a file without -DOCSTART- as one document, and a bare token as O', () => {
    const documents = parseConll('Paris B-LOC\nis\r\n\nfine O\n');
    expect(documents).toHaveLength(1);
    expect(documents[0]!.sentences).toEqual([
      { words: ['Paris', 'is'], tags: ['B-LOC', 'O'] },
      { words: ['fine'], tags: ['O'] },
    ]);
  });
});

describe('toIob2', () => {
  it('turns an entity-opening I- into B-, and leaves continuations alone', () => {
    expect(toIob2(['I-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG', 'B-ORG', 'I-ORG'])).toEqual([
      'B-PER',
      'I-PER',
      'O',
      'B-LOC',
      'B-ORG',
      'B-ORG',
      'I-ORG',
    ]);
  });
});
