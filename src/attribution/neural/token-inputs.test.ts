import { describe, expect, it } from 'vitest';
import { taggingSequences } from '../attribution-features.js';
import { buildCueLexicon } from '../cue-lexicon.js';
import { segmentText } from '../../text/segment-text.js';
import { plainTextParagraphs } from '../read-brat.js';
import { normaliseWord, tokenInputs, wordShape } from './token-inputs.js';

const LEXICON = buildCueLexicon([
  {
    id: 'say',
    category: 'verb',
    note: 'test',
    examples: [],
    words: ['said'],
    phrases: ['according to'],
  },
]);

describe('token inputs of the neural attribution tagger', () => {
  it('normalises words and shapes as the linear tagger does', () => {
    expect(normaliseWord('Clinton’s 2016')).toBe("clinton's 0000");
    expect(wordShape('McDonald')).toBe('XxXx');
    expect(wordShape('2016')).toBe('0');
  });

  it('marks cue hits, quote state and places in sentences', () => {
    const text = '“We will stay,” he said. According to them, it ended.';
    const paragraphs = plainTextParagraphs(text);
    const { tokens, sentences } = segmentText(text, paragraphs);
    const [sequence] = taggingSequences(tokens, sentences, paragraphs);
    const inputs = tokenInputs(text, sequence!, LEXICON);
    const at = (word: string): number => inputs.raw.indexOf(word);
    expect(inputs.quotes[at('“')]).toBe('open');
    expect(inputs.quotes[at('We')]).toBe('in');
    expect(inputs.quotes[at('”')]).toBe('close');
    expect(inputs.quotes[at('he')]).toBe('out');
    expect(inputs.cues[at('said')]).toBe('say');
    expect(inputs.cues[at('According')]).toBe('phrase');
    expect(inputs.cues[at('to')]).toBe('phrase-in');
    expect(inputs.sentencePlaces[0]).toBe('B');
    expect(inputs.sentencePlaces[at('According')]).toBe('B');
    expect(inputs.sentencePlaces[inputs.raw.length - 1]).toBe('E');
    expect(inputs.partsOfSpeech.every((tag) => tag === '')).toBe(true);
  });
});
