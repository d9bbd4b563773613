import { describe, expect, it } from 'vitest';
import { Gazetteer } from './gazetteer.js';
import { FULL_FEATURES, NerFeatureExtractor, wordShapes } from './ner-features.js';

const gazetteer = new Gazetteer([
  { id: 'city', label: 'LOC', note: 'test cities', entries: ['Gaza City', 'Gaza'] },
  { id: 'title', label: 'cue-PER', note: 'test titles', entries: ['spokesperson'] },
]);

describe('wordShapes', () => {
  it('gives a long shape with runs capped and a short one with runs collapsed', () => {
    expect(wordShapes('Washington')).toEqual({ long: 'Xxxxx', short: 'Xx' });
    expect(wordShapes('U.S.')).toEqual({ long: 'X.X.', short: 'X.X.' });
    expect(wordShapes('1996-08-22')).toEqual({ long: 'dddd-dd-dd', short: 'd-d-d' });
    expect(wordShapes('Kovač')).toEqual({ long: 'Xxxxx', short: 'Xx' });
  });
});

describe('NerFeatureExtractor', () => {
  const extractor = new NerFeatureExtractor(FULL_FEATURES, gazetteer);

  it('gives word, shape, affix, window, pair and sentence-start features from token strings', () => {
    const [first, second] = extractor.sentenceFeatures(['Hamas', 'spokesperson', 'said']);
    expect(first).toEqual(
      expect.arrayContaining([
        'bias',
        'w=Hamas',
        'l=hamas',
        's=Xx',
        'S=Xxxxx',
        'p2=ha',
        'x3=mas',
        'l-1=<s>',
        'l-2=<s>',
        'l+1=spokesperson',
        'l+2=said',
        's+1=x',
        'lp=<s>|hamas',
        'ln=hamas|spokesperson',
        'sps=<s>|Xx|x',
        'first|Xx',
        '+g:title=B',
      ]),
    );
    expect(first).not.toContain('caps');
    expect(second).toEqual(expect.arrayContaining(['w=spokesperson', 'g:title=B', 'l-1=hamas']));
    // A lower-case word has no separate lower-case feature, and only the first word is "first".
    expect(second).not.toContain('l=spokesperson');
    expect(second!.some((feature) => feature.startsWith('first|'))).toBe(false);
  });

  it('marks multi-token gazetteer matches B then I, longest entry included', () => {
    const features = extractor.sentenceFeatures(['in', 'Gaza', 'City', 'today']);
    expect(features[1]).toEqual(expect.arrayContaining(['g:city=B']));
    expect(features[2]).toEqual(expect.arrayContaining(['g:city=I', '-g:city=B']));
    expect(features[3]).toEqual(expect.arrayContaining(['-g:city=I']));
  });

  it('tells a headline word how the document writes it elsewhere', () => {
    const sentences = [
      ['GAZA', 'TALKS', 'STALL'],
      ['Talks', 'in', 'Gaza', 'stall', 'again'],
    ];
    const document = extractor.documentContext(sentences);
    const headline = extractor.sentenceFeatures(sentences[0]!, document);
    expect(headline[0]).toEqual(expect.arrayContaining(['caps', 'd=X', 'd=X|start']));
    expect(headline[2]).toEqual(expect.arrayContaining(['caps', 'd=x', 'd=x|start']));
    // "Talks" only opens a sentence, so the document says nothing about it.
    expect(headline[1]!.some((feature) => feature.startsWith('d='))).toBe(false);
  });
});
