import type { Article, EntityMention, EntityType, Token } from '../model/article.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { loadShippedNerModel, type NerModel } from './ner-model.js';
import { chunksOf } from './score-conll.js';

/** The `ruleId` of mentions the statistical tagger found. */
export const NER_RULE_ID = 'ner-model';

/** CoNLL types as the article model names them; MISC is decided per mention (`miscType`). */
const TYPE_OF_LABEL: Readonly<Record<string, EntityType>> = {
  PER: 'person',
  ORG: 'organization',
  LOC: 'place',
};

/** Gazetteer lists whose words make a MISC mention a group of people ("Palestinian", "Islamist"). */
const GROUP_LISTS = ['nationality', 'movement'];

/**
 * Characters wink-nlp keeps that CoNLL's Reuters text spells differently; the tagger was trained on
 * the CoNLL spelling. Only the tagger's input changes: offsets still point at the article's text.
 */
const CONLL_SPELLING: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '--',
};
const NEEDS_RESPELLING = /[\u2018\u2019\u201C\u201D\u2013\u2014]/;

function conllSpelling(word: string): string {
  return NEEDS_RESPELLING.test(word)
    ? word.replace(/[\u2018\u2019\u201C\u201D\u2013\u2014]/g, (character) => {
        return CONLL_SPELLING[character] ?? character;
      })
    : word;
}

/**
 * Whether a MISC mention names a group of people: every word of it (hyphen-separated parts too,
 * without a possessive or plural ending) is a nationality, demonym or movement word.
 */
export function isGroupName(text: string, gazetteer: Gazetteer = loadGazetteer()): boolean {
  const words = text
    .replace(/['’]s?$/u, '')
    .split(/[\s-]+/u)
    .filter((word) => word !== '');
  if (words.length === 0) return false;
  return words.every((word) =>
    GROUP_LISTS.some(
      (list) =>
        gazetteer.has(list, word) ||
        (word.length > 3 && /s$/u.test(word) && gazetteer.has(list, word.slice(0, -1))),
    ),
  );
}

/** Whether `token` continues `previous` across a hyphen: "al" + "-", or "al-" + "Din". */
function isHyphenJoin(text: string, previous: Token, token: Token): boolean {
  const previousText = text.slice(previous.start, previous.end);
  const tokenText = text.slice(token.start, token.end);
  if (tokenText === '-')
    return previous.kind === 'word' && /[\p{L}\p{N}]/u.test(text[token.end] ?? '');
  return previousText.endsWith('-') && previousText.length > 1 && token.kind === 'word';
}

/**
 * Named-entity mentions of an article: its sentences (from the `sentences` and `tokens` layers)
 * are tagged as one document, and every tagged chunk becomes a mention with UTF-16 offsets into
 * `article.text`.
 */
export function recognizeEntities(
  article: Article,
  model: NerModel = loadShippedNerModel(),
): EntityMention[] {
  const text = article.text;
  const tokens = article.layer('tokens');
  const sentenceTokens: Token[][] = [];
  let next = 0;
  for (const sentence of article.layer('sentences')) {
    while (next < tokens.length && tokens[next]!.start < sentence.start) next++;
    const inSentence: Token[] = [];
    for (; next < tokens.length && tokens[next]!.end <= sentence.end; next++) {
      const token = tokens[next]!;
      const previous = inSentence[inSentence.length - 1];
      // wink splits "al-Din" and "Saudi-owned" at the hyphen; CoNLL (and so the tagger) keeps
      // hyphenated words whole. Rejoin a word, a hyphen and a word written without spaces.
      if (previous && previous.end === token.start && isHyphenJoin(text, previous, token)) {
        inSentence[inSentence.length - 1] = { start: previous.start, end: token.end, kind: 'word' };
        continue;
      }
      inSentence.push(token);
    }
    if (inSentence.length > 0) sentenceTokens.push(inSentence);
  }
  const words = sentenceTokens.map((sentence) =>
    sentence.map((token) => conllSpelling(text.slice(token.start, token.end))),
  );
  const tags = model.tagDocument(words);
  const mentions: EntityMention[] = [];
  sentenceTokens.forEach((sentence, index) => {
    for (const chunk of chunksOf(tags[index]!)) {
      const start = sentence[chunk.start]!.start;
      const end = sentence[chunk.end - 1]!.end;
      const type =
        TYPE_OF_LABEL[chunk.type] ??
        (isGroupName(text.slice(start, end)) ? 'group' : ('other' as const));
      mentions.push({ start, end, type, ruleId: NER_RULE_ID });
    }
  });
  return mentions;
}
