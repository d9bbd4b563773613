import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import porter2 from 'wink-porter2-stemmer';
import { partsOfSpeech } from '../attribution/part-of-speech.js';
import type { Article, Token } from '../model/article.js';
import { PipelineError } from '../model/errors.js';
import { findPackageRoot } from '../model/package-files.js';
import type { TextRange } from '../model/span.js';

/** A word or phrase the trained scorer judges lexically loaded. */
export interface LoadedWord extends TextRange {
  readonly word: string;
  readonly score: number;
}

export const LOADED_LANGUAGE_MODEL_PATH = 'models/loaded-language.json.gz';

/**
 * What `models/loaded-language.json.gz` holds (`npm run train -- loaded-language`): a logistic
 * regression over the features of one content word, the threshold on its score, and the word
 * tables the features read, so the product needs nothing else at run time.
 */
export interface LoadedLanguageModelFile {
  readonly about: Record<string, unknown>;
  /** Feature name → weight (`bias`, `pos:ADJ`, `w:<stem>`, `group:<group>`, …). */
  readonly weights: Record<string, number>;
  /** A word whose score (the logit) reaches this is loaded; chosen for F1 by cross-validation. */
  readonly threshold: number;
  /** Lower-case word → wink-nlp's sentiment score of the word alone (non-zero only). */
  readonly sentiment: Record<string, number>;
  /**
   * Porter2 stem → how NeuS's neutral editors treat it: `[z, drop, logEvents]`, the log-odds
   * z-score of the stem in the outlets' snippets against the neutral summaries, the share of events
   * whose summary drops it, and log(1 + events whose snippets have it) / 5.
   */
  readonly neutralisation: Record<string, readonly [number, number, number]>;
  /** Porter2 stem → the group of the hand-written seed list it belongs to. */
  readonly groups: Record<string, string>;
}

/** The word tables features are read from (a model file's, or the trainer's while it fits one). */
export interface LoadedLanguageTables {
  readonly sentiment: ReadonlyMap<string, number>;
  readonly neutralisation: ReadonlyMap<string, readonly [number, number, number]>;
  readonly groups: ReadonlyMap<string, string>;
}

/** A named feature and its value. */
export type WordFeature = readonly [name: string, value: number];

/** A content word of an article with its features: what the model scores. */
export interface CandidateWord extends TextRange {
  /** Index in the article's tokens layer. */
  readonly token: number;
  readonly features: readonly WordFeature[];
}

/**
 * Parts of speech that can carry loaded word choice. Names (PROPN), numbers and function words
 * never do on their own; the few gold spans made of them ("a right to", "his own") are phrases
 * whose weight sits in a content word or in nothing a word model can see.
 */
const CONTENT_TAGS = new Set(['ADJ', 'ADV', 'VERB', 'NOUN', 'INTJ', 'X']);

/**
 * A quotation of at most this many words is a "short quote": a scare quote or a quoted fragment
 * ("called Biden “unhinged”"), which BASIL's annotators often marked as loaded, unlike the long
 * quotations whose words are the speaker's.
 */
const SHORT_QUOTE_WORDS = 4;

/** Counts of a stem in the article at or above this are the article's topic, not word choice. */
const TOPIC_COUNT = 3;

/** Other seed words in the sentence count up to this many: past it, a sentence is simply heated. */
const MAX_SENTENCE_GROUP_WORDS = 3;

/** Sentence positions past this all count as "late" (the feature is position / this, capped at 1). */
const LATE_SENTENCE = 30;

/** Stems cached between articles; the cache is dropped when it grows past this many words. */
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/** The Porter2 stem of a lower-case word, cached (stemming is most of the cost of a word). */
export function stemOf(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stem = porter2(word);
    stemCache.set(word, stem);
  }
  return stem;
}

/** A word as the tables key it: lower case, curly apostrophes straight. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

const OPENING_QUOTES = new Set(['“', '«', '„']);
const CLOSING_QUOTES = new Set(['”', '»']);
const STRAIGHT_QUOTES = new Set(['"', "''", '``']);

/**
 * For each token, how many words the quotation it is inside has (0 when it is in none). Curly
 * quotes pair up; straight quotes alternate; a quotation never runs past its paragraph, and one
 * left open at a paragraph's end (the convention for a quotation that goes on) runs to that end.
 */
export function quotationWords(
  text: string,
  tokens: readonly Token[],
  paragraphs: readonly TextRange[],
): Int32Array {
  const words = new Int32Array(tokens.length);
  let open = -1;
  let paragraph = 0;
  const close = (end: number): void => {
    let count = 0;
    for (let index = open + 1; index < end; index++) if (tokens[index]!.kind === 'word') count++;
    for (let index = open + 1; index < end; index++) words[index] = count;
    open = -1;
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    while (paragraph < paragraphs.length && paragraphs[paragraph]!.end <= token.start) {
      paragraph++;
      if (open >= 0) close(index);
    }
    if (token.kind === 'word' || token.kind === 'number') continue;
    const value = text.slice(token.start, token.end);
    if (OPENING_QUOTES.has(value)) open = index;
    else if (CLOSING_QUOTES.has(value)) {
      if (open >= 0) close(index);
    } else if (STRAIGHT_QUOTES.has(value)) {
      if (open >= 0) close(index);
      else open = index;
    }
  }
  if (open >= 0) close(tokens.length);
  return words;
}

/** A capital after one of these (a quotation or bracket opening) is no sign of a name. */
const OPENING_MARK = /^[“"‘'(«]$/;

const WORD_IN_TITLE = /[\p{L}][\p{L}'’-]*/gu;

/**
 * Every content word of an article with its features: part of speech, wink-nlp's sentiment of the
 * word, how NeuS's neutral summaries treat its stem, the seed group it is in, its stem itself,
 * whether it stands in a quotation (and how long that is), capitalisation, and its context (how
 * often the article repeats it, whether the title has it, other seed words in its sentence, how
 * early its sentence comes). The article needs its `tokens`, `sentences` and `paragraphs` layers.
 */
export function candidateWords(article: Article, tables: LoadedLanguageTables): CandidateWord[] {
  const text = article.text;
  const tokens = article.layer('tokens');
  const sentences = article.layer('sentences');
  const paragraphs = article.hasLayer('paragraphs') ? article.layer('paragraphs') : sentences;
  const tags = partsOfSpeech(text, tokens);
  const quoted = quotationWords(text, tokens, paragraphs);

  const stems: (string | undefined)[] = new Array<string | undefined>(tokens.length);
  const counts = new Map<string, number>();
  const sentenceOf = new Int32Array(tokens.length);
  const sentenceGroupWords = new Int32Array(sentences.length);
  let sentence = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    while (sentence < sentences.length - 1 && token.start >= sentences[sentence]!.end) sentence++;
    sentenceOf[index] = sentence;
    if (token.kind !== 'word') continue;
    const stem = stemOf(normaliseWord(text.slice(token.start, token.end)));
    stems[index] = stem;
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
    if (tables.groups.has(stem)) sentenceGroupWords[sentence]!++;
  }
  const titleStems = new Set(
    [...(article.metadata.title ?? '').matchAll(WORD_IN_TITLE)].map((match) =>
      stemOf(normaliseWord(match[0])),
    ),
  );

  const candidates: CandidateWord[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const tag = tags[index] ?? 'X';
    if (token.kind !== 'word' || !CONTENT_TAGS.has(tag)) continue;
    const raw = text.slice(token.start, token.end);
    const word = normaliseWord(raw);
    const stem = stems[index]!;
    const features: WordFeature[] = [
      ['bias', 1],
      [`pos:${tag}`, 1],
    ];
    const add = (name: string, value = 1): void => {
      features.push([name, value]);
    };

    const sentiment = tables.sentiment.get(word) ?? 0;
    if (sentiment !== 0) {
      add('sentiment', Math.abs(sentiment));
      add(sentiment < 0 ? 'sentiment:negative' : 'sentiment:positive');
      add(`sentiment×${tag}`);
    }
    const neutralisation = tables.neutralisation.get(stem);
    if (neutralisation) {
      const [z, drop, events] = neutralisation;
      add('neus:z', z);
      add('neus:drop', drop);
      add(`neus:drop×${tag}`, drop);
      add('neus:events', events);
    } else add('neus:unseen');

    const sentenceIndex = sentenceOf[index]!;
    const previous = tokens[index - 1];
    const sentenceInitial =
      sentences[sentenceIndex]?.start === token.start ||
      (previous !== undefined && OPENING_MARK.test(text.slice(previous.start, previous.end)));
    if (/^\p{Lu}/u.test(raw) && !sentenceInitial) add('capitalised');

    const quotation = quoted[index]!;
    if (quotation > 0) {
      add('quote');
      if (quotation <= SHORT_QUOTE_WORDS) {
        add('quote:short');
        add(`quote:short×${tag}`);
      } else add('quote:long');
    }
    if (word.includes('-')) add('hyphenated');

    const group = tables.groups.get(stem);
    if (group) {
      add('group');
      add(`group:${group}`);
    }
    add(`w:${stem}`);

    const count = counts.get(stem) ?? 1;
    add('article-count', Math.log(count));
    if (count >= TOPIC_COUNT) add('article-topic');
    if (titleStems.has(stem)) add('in-title');
    const others = sentenceGroupWords[sentenceIndex]! - (group ? 1 : 0);
    if (others > 0) add('sentence-group-words', Math.min(others, MAX_SENTENCE_GROUP_WORDS));
    add('sentence-position', Math.min(sentenceIndex, LATE_SENTENCE) / LATE_SENTENCE);
    if (sentenceIndex === 0) add('first-sentence');

    candidates.push({ start: token.start, end: token.end, token: index, features });
  }
  return candidates;
}

/**
 * Loaded words from scored candidates: those at or above the threshold, with words next to each
 * other (no token between) joined into one phrase that keeps the higher score.
 */
export function loadedSpans(
  text: string,
  candidates: readonly CandidateWord[],
  scores: ArrayLike<number>,
  threshold: number,
): LoadedWord[] {
  const found: { start: number; end: number; token: number; score: number }[] = [];
  candidates.forEach((candidate, index) => {
    const score = scores[index]!;
    if (score < threshold) return;
    const last = found[found.length - 1];
    if (last && candidate.token === last.token + 1) {
      last.end = candidate.end;
      last.token = candidate.token;
      last.score = Math.max(last.score, score);
    } else
      found.push({ start: candidate.start, end: candidate.end, token: candidate.token, score });
  });
  return found.map(({ start, end, score }) => ({
    start,
    end,
    word: text.slice(start, end),
    score: Number(score.toFixed(3)),
  }));
}

/** The trained scorer: a linear model over `candidateWords` features, thresholded. */
export class LoadedLanguageModel {
  readonly tables: LoadedLanguageTables;
  private readonly weights: Map<string, number>;
  readonly threshold: number;

  constructor(readonly file: LoadedLanguageModelFile) {
    this.weights = new Map(Object.entries(file.weights));
    this.threshold = file.threshold;
    this.tables = {
      sentiment: new Map(Object.entries(file.sentiment)),
      neutralisation: new Map(Object.entries(file.neutralisation)),
      groups: new Map(Object.entries(file.groups)),
    };
  }

  static load(path: string): LoadedLanguageModel {
    try {
      const bytes = readFileSync(path);
      const json = path.endsWith('.gz')
        ? gunzipSync(bytes).toString('utf8')
        : bytes.toString('utf8');
      return new LoadedLanguageModel(JSON.parse(json) as LoadedLanguageModelFile);
    } catch (error) {
      throw new PipelineError('bad-model', `cannot read ${path}: ${(error as Error).message}`);
    }
  }

  /** The logit of a candidate: the sum of its features' weights times their values. */
  score(candidate: CandidateWord): number {
    let sum = 0;
    for (const [name, value] of candidate.features) sum += (this.weights.get(name) ?? 0) * value;
    return sum;
  }

  find(article: Article): LoadedWord[] {
    const candidates = candidateWords(article, this.tables);
    const scores = candidates.map((candidate) => this.score(candidate));
    return loadedSpans(article.text, candidates, scores, this.threshold);
  }
}

let shipped: LoadedLanguageModel | undefined;

/** The model under models/, loaded on first use. */
export function shippedLoadedLanguageModel(): LoadedLanguageModel {
  shipped ??= LoadedLanguageModel.load(join(findPackageRoot(), LOADED_LANGUAGE_MODEL_PATH));
  return shipped;
}

/**
 * Loaded language found by the trained model: single words, or a few next to each other, whose
 * word choice is emotive, slanted or judgemental ("slammed", "phony", "unabashedly", a scare-quoted
 * “unhinged”). Needs the article's `tokens` and `sentences` layers.
 */
export function findLoadedLanguage(article: Article): LoadedWord[] {
  return shippedLoadedLanguageModel().find(article);
}
