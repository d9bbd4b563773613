/**
 * What the stance classifier sees of a headline and an article body. Two parts:
 *
 * - dense features, named in `DENSE_FEATURE_NAMES`: how much of the headline the body (its best
 *   matching sentences, its lead) says, by TF-IDF cosine and IDF-weighted stem cover over the
 *   claims stage's own stems (`contentStems`) and background IDF (`shippedTermWeights`); whether
 *   the two share a predicate class; and how often the body, its lead and the sentences closest to
 *   the headline refute, hedge, confirm, ask, negate or refuse (`lexicons/stance-words.json` and the
 *   claims markers of `lexicons/claim-words.json`);
 * - sparse features, string keys with values: the headline's stems and stance words, the body's
 *   stems by term frequency, the words of the sentences closest to the headline, and each
 *   headline stem paired with the stance groups those sentences carry.
 *
 * A body is analysed once (`analyzeBody`) and reused for every headline paired with it.
 */
import {
  claimWords,
  contentStems,
  markersOf,
  predicateClasses,
  wordsOf,
  type ClaimWords,
} from '../claims/claim-words.js';
import { shippedTermWeights, type TermWeights } from '../claims/term-weights.js';
import { segmentText } from '../text/segment-text.js';
import type { TextRange } from '../model/span.js';
import { STANCE_WORD_GROUPS, stanceWords, type StanceWords } from './stance-words.js';

/** Sentences closest to the headline that the "top" features read: the claim is usually restated in one to three. */
export const TOP_SENTENCES = 3;
/** Sentences that make the lead: news bodies state their stance first. */
export const LEAD_SENTENCES = 3;
/** Body stems kept as sparse features, by TF-IDF: enough to name the topic, few enough to stay fast. */
export const BODY_STEMS = 40;

/** Marker groups counted per sentence: the stance lexicon's groups and the claims markers. */
export const CUE_GROUPS = [
  ...STANCE_WORD_GROUPS,
  'negation',
  'refusal',
  'questionMark',
  'quotation',
] as const;
export type CueGroup = (typeof CUE_GROUPS)[number];

const SIMILARITY_FEATURES = [
  'cosineBody',
  'cosineBest',
  'cosineTop',
  'cosineLead',
  'cosineSecond',
  'coverBody',
  'coverBodyPlain',
  'coverTop',
  'coverBest',
  'coverLead',
  'prefixCover',
  'rarestFound',
  'secondRarestFound',
  'sharedIdfLog',
  'bigramCover',
  'sharedStemsLog',
  'missingIdfLog',
  'numberCover',
  'headlineHasNumber',
  'predicateShared',
  'predicateJaccard',
  'headlinePredicate',
  'bestPosition',
  'relevantSentenceShare',
] as const;

const SIZE_FEATURES = ['headlineStemsLog', 'bodyWordsLog', 'bodySentencesLog'] as const;

/** Names of the dense features, in vector order. */
export const DENSE_FEATURE_NAMES: readonly string[] = [
  ...SIMILARITY_FEATURES,
  ...SIZE_FEATURES,
  ...CUE_GROUPS.map((group) => `headline:${group}`),
  ...CUE_GROUPS.flatMap((group) => [
    `body:${group}`,
    `top:${group}`,
    `best:${group}`,
    `lead:${group}`,
    `weighted:${group}`,
  ]),
  'mismatch:negation',
  'mismatch:refute',
];

/** A sentence of a body with what the features read of it. */
interface SentenceAnalysis {
  readonly words: readonly string[];
  readonly stems: ReadonlySet<string>;
  readonly vector: ReadonlyMap<string, number>;
  readonly cues: ReadonlySet<CueGroup>;
  /** The stance words found, as `group:entry`. */
  readonly cueWords: readonly string[];
}

export interface BodyAnalysis {
  readonly wordCount: number;
  readonly stems: ReadonlySet<string>;
  /** The first `PREFIX_LENGTH` characters of every stem: "nicaragua" and "nicaraguan" meet. */
  readonly prefixes: ReadonlySet<string>;
  readonly bigrams: ReadonlySet<string>;
  readonly vector: ReadonlyMap<string, number>;
  readonly leadVector: ReadonlyMap<string, number>;
  readonly leadStems: ReadonlySet<string>;
  readonly predicates: ReadonlySet<string>;
  readonly sentences: readonly SentenceAnalysis[];
  /** Sparse features of the body alone (its stems by TF-IDF), L2-normalised. */
  readonly sparse: readonly (readonly [string, number])[];
}

export interface HeadlineAnalysis {
  readonly stems: readonly string[];
  readonly uniqueStems: readonly string[];
  /** Unique stems, rarest (highest IDF) first. */
  readonly byRarity: readonly string[];
  readonly bigrams: readonly string[];
  readonly numbers: readonly string[];
  readonly vector: ReadonlyMap<string, number>;
  readonly predicates: ReadonlySet<string>;
  readonly cues: ReadonlySet<CueGroup>;
  /** Sparse features of the headline alone, L2-normalised. */
  readonly sparse: readonly (readonly [string, number])[];
}

export interface StanceFeatures {
  readonly dense: Float64Array;
  readonly sparse: readonly (readonly [string, number])[];
}

function tfidfVector(stems: readonly string[], idf: (stem: string) => number): Map<string, number> {
  const vector = new Map<string, number>();
  for (const key of stems) vector.set(key, (vector.get(key) ?? 0) + 1);
  let norm = 0;
  for (const [key, count] of vector) {
    const weight = count * idf(key);
    vector.set(key, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [key, weight] of vector) vector.set(key, weight / norm);
  return vector;
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, weight] of small) sum += weight * (large.get(key) ?? 0);
  return sum;
}

function bigramsOf(stems: readonly string[]): string[] {
  const bigrams: string[] = [];
  for (let index = 1; index < stems.length; index++)
    bigrams.push(`${stems[index - 1]} ${stems[index]}`);
  return bigrams;
}

function normalised(entries: Map<string, number>): [string, number][] {
  let norm = 0;
  for (const value of entries.values()) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return [...entries].map(([key, value]) => [key, value / norm]);
}

/** Paragraph ranges of a plain text: its non-blank lines. */
function lineRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (const match of text.matchAll(/[^\n]+/g)) {
    if (match[0].trim() !== '')
      ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}

/** Prefixes of the lexical sparse features: stems and words that name a story's topic. */
export const LEXICAL_PREFIXES = ['h:', 'b:', 't:', 'x:'] as const;

export interface StanceFeatureOptions {
  /** Whether to give the lexical sparse features (`LEXICAL_PREFIXES`); default true. */
  readonly lexical?: boolean;
  readonly claim?: ClaimWords;
  readonly stance?: StanceWords;
  readonly weights?: TermWeights;
}

export class StanceFeatureExtractor {
  private readonly idf: (stem: string) => number;
  private readonly claim: ClaimWords;
  private readonly stance: StanceWords;
  readonly lexical: boolean;

  constructor(options: StanceFeatureOptions = {}) {
    this.claim = options.claim ?? claimWords();
    this.stance = options.stance ?? stanceWords();
    this.lexical = options.lexical ?? true;
    const weights = options.weights ?? shippedTermWeights();
    this.idf = (stem) => weights.idf(stem);
  }

  private cuesOf(
    text: string,
    words: readonly string[],
  ): { cues: Set<CueGroup>; cueWords: string[] } {
    const cues = new Set<CueGroup>();
    const cueWords: string[] = [];
    for (const hit of this.stance.hitsInWords(words)) {
      cues.add(hit.group);
      cueWords.push(`${hit.group}:${hit.entry}`);
    }
    for (const marker of markersOf(text, this.claim)) {
      if (marker === 'negation' || marker === 'refusal') cues.add(marker);
    }
    if (text.includes('?')) cues.add('questionMark');
    if (QUOTATION.test(text)) cues.add('quotation');
    return { cues, cueWords };
  }

  analyzeHeadline(text: string): HeadlineAnalysis {
    const words = wordsOf(text);
    const stems = contentStems(text, this.claim);
    const uniqueStems = [...new Set(stems)];
    const { cues, cueWords } = this.cuesOf(text, words);
    // Each group is scaled on its own, so leaving the lexical ones out changes no other value.
    const stemFeatures = new Map<string, number>();
    if (this.lexical) for (const key of uniqueStems) stemFeatures.set(`h:${key}`, 1);
    const cueFeatures = new Map<string, number>();
    for (const word of cueWords) cueFeatures.set(`hc:${word}`, 1);
    for (const cue of cues) cueFeatures.set(`hg:${cue}`, 1);
    return {
      stems,
      uniqueStems,
      byRarity: [...uniqueStems].sort(
        (a, b) => this.idf(b) - this.idf(a) || (a < b ? -1 : a > b ? 1 : 0),
      ),
      bigrams: [...new Set(bigramsOf(stems))],
      numbers: uniqueStems.filter((key) => /^\d/.test(key)),
      vector: tfidfVector(stems, this.idf),
      predicates: predicateClasses(stems, this.claim),
      cues,
      sparse: [...normalised(stemFeatures), ...cueFeatures],
    };
  }

  analyzeBody(text: string): BodyAnalysis {
    const { sentences: ranges } = segmentText(text, lineRanges(text));
    const sentences: SentenceAnalysis[] = [];
    const allStems: string[] = [];
    const leadStems: string[] = [];
    let wordCount = 0;
    for (const range of ranges) {
      const sentenceText = text.slice(range.start, range.end);
      const words = wordsOf(sentenceText);
      const stems = contentStems(sentenceText, this.claim);
      if (words.length === 0) continue;
      wordCount += words.length;
      allStems.push(...stems);
      if (sentences.length < LEAD_SENTENCES) leadStems.push(...stems);
      const { cues, cueWords } = this.cuesOf(sentenceText, words);
      sentences.push({
        words,
        stems: new Set(stems),
        vector: tfidfVector(stems, this.idf),
        cues,
        cueWords,
      });
    }
    const bodyCues = new Map<string, number>();
    for (const sentence of sentences) {
      for (const word of sentence.cueWords)
        bodyCues.set(`bc:${word}`, (bodyCues.get(`bc:${word}`) ?? 0) + 1);
    }
    for (const [key, count] of bodyCues) bodyCues.set(key, Math.log1p(count));
    const vector = tfidfVector(allStems, this.idf);
    const top = this.lexical
      ? [...vector]
          .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
          .slice(0, BODY_STEMS)
      : [];
    return {
      wordCount,
      stems: new Set(allStems),
      prefixes: new Set(allStems.map((key) => key.slice(0, PREFIX_LENGTH))),
      bigrams: new Set(bigramsOf(allStems)),
      vector,
      leadVector: tfidfVector(leadStems, this.idf),
      leadStems: new Set(leadStems),
      predicates: predicateClasses(allStems, this.claim),
      sentences,
      sparse: [
        ...normalised(new Map(top.map(([key, weight]) => [`b:${key}`, weight]))),
        ...normalised(bodyCues),
      ],
    };
  }

  /** IDF-weighted share of the headline's stems that a set of stems holds. */
  private cover(headline: HeadlineAnalysis, stems: ReadonlySet<string>): number {
    let total = 0;
    let found = 0;
    for (const key of headline.uniqueStems) {
      const weight = this.idf(key);
      total += weight;
      if (stems.has(key)) found += weight;
    }
    return total > 0 ? found / total : 0;
  }

  features(headline: HeadlineAnalysis, body: BodyAnalysis): StanceFeatures {
    const values = new Map<string, number>();
    const set = (name: string, value: number): void => {
      values.set(name, value);
    };
    const sentences = body.sentences;
    const similarities = sentences.map((sentence) => cosine(headline.vector, sentence.vector));
    const order = similarities
      .map((similarity, index) => ({ similarity, index }))
      .sort((a, b) => b.similarity - a.similarity || a.index - b.index);
    const top = order.slice(0, TOP_SENTENCES).filter((entry) => entry.similarity > 0);
    const best = top[0];
    const topStems = new Set<string>();
    for (const entry of top) for (const key of sentences[entry.index]!.stems) topStems.add(key);

    set('cosineBody', cosine(headline.vector, body.vector));
    set('cosineBest', best?.similarity ?? 0);
    set('cosineSecond', top[1]?.similarity ?? 0);
    set('cosineTop', top.reduce((sum, entry) => sum + entry.similarity, 0) / TOP_SENTENCES);
    set('cosineLead', cosine(headline.vector, body.leadVector));
    set('coverBody', this.cover(headline, body.stems));
    set(
      'coverBodyPlain',
      headline.uniqueStems.length > 0
        ? headline.uniqueStems.filter((key) => body.stems.has(key)).length /
            headline.uniqueStems.length
        : 0,
    );
    set('coverTop', this.cover(headline, topStems));
    set('coverBest', best ? this.cover(headline, sentences[best.index]!.stems) : 0);
    set('coverLead', this.cover(headline, body.leadStems));
    set(
      'bigramCover',
      headline.bigrams.length > 0
        ? headline.bigrams.filter((bigram) => body.bigrams.has(bigram)).length /
            headline.bigrams.length
        : 0,
    );
    const shared = headline.uniqueStems.filter((key) => body.stems.has(key));
    set('sharedStemsLog', Math.log1p(shared.length));
    set('sharedIdfLog', Math.log1p(shared.reduce((sum, key) => sum + this.idf(key), 0)));
    let prefixFound = 0;
    let prefixTotal = 0;
    for (const key of headline.uniqueStems) {
      const weight = this.idf(key);
      prefixTotal += weight;
      if (body.stems.has(key) || body.prefixes.has(key.slice(0, PREFIX_LENGTH)))
        prefixFound += weight;
    }
    set('prefixCover', prefixTotal > 0 ? prefixFound / prefixTotal : 0);
    const rarest = headline.byRarity[0];
    const second = headline.byRarity[1];
    set('rarestFound', rarest !== undefined && body.stems.has(rarest) ? 1 : 0);
    set('secondRarestFound', second !== undefined && body.stems.has(second) ? 1 : 0);
    let missingIdf = 0;
    for (const key of headline.uniqueStems) if (!body.stems.has(key)) missingIdf += this.idf(key);
    set('missingIdfLog', Math.log1p(missingIdf));
    set(
      'numberCover',
      headline.numbers.length > 0
        ? headline.numbers.filter((key) => body.stems.has(key)).length / headline.numbers.length
        : 0,
    );
    set('headlineHasNumber', headline.numbers.length > 0 ? 1 : 0);
    let predicateShared = 0;
    for (const id of headline.predicates) if (body.predicates.has(id)) predicateShared++;
    const predicateUnion = headline.predicates.size + body.predicates.size - predicateShared;
    set('predicateShared', predicateShared > 0 ? 1 : 0);
    set('predicateJaccard', predicateUnion > 0 ? predicateShared / predicateUnion : 0);
    set('headlinePredicate', headline.predicates.size > 0 ? 1 : 0);
    set('bestPosition', best && sentences.length > 1 ? best.index / (sentences.length - 1) : 0);
    const relevant = similarities.filter((similarity) => similarity >= RELEVANT_SIMILARITY).length;
    set('relevantSentenceShare', sentences.length > 0 ? relevant / sentences.length : 0);

    set('headlineStemsLog', Math.log1p(headline.uniqueStems.length));
    set('bodyWordsLog', Math.log1p(body.wordCount));
    set('bodySentencesLog', Math.log1p(sentences.length));

    const similaritySum = similarities.reduce((sum, similarity) => sum + similarity, 0);
    for (const group of CUE_GROUPS) {
      set(`headline:${group}`, headline.cues.has(group) ? 1 : 0);
      const count = (indices: readonly number[]): number =>
        indices.filter((index) => sentences[index]!.cues.has(group)).length;
      set(
        `body:${group}`,
        sentences.length > 0 ? count(sentences.map((_, index) => index)) / sentences.length : 0,
      );
      set(`top:${group}`, top.length > 0 ? count(top.map((entry) => entry.index)) / top.length : 0);
      set(`best:${group}`, best && sentences[best.index]!.cues.has(group) ? 1 : 0);
      const lead = Math.min(LEAD_SENTENCES, sentences.length);
      set(
        `lead:${group}`,
        lead > 0 ? count(Array.from({ length: lead }, (_, index) => index)) / lead : 0,
      );
      let weighted = 0;
      for (let index = 0; index < sentences.length; index++) {
        if (sentences[index]!.cues.has(group)) weighted += similarities[index]!;
      }
      set(`weighted:${group}`, similaritySum > 0 ? weighted / similaritySum : 0);
    }
    const bestCues = best ? sentences[best.index]!.cues : new Set<CueGroup>();
    set('mismatch:negation', headline.cues.has('negation') !== bestCues.has('negation') ? 1 : 0);
    set('mismatch:refute', headline.cues.has('refute') !== values.get('top:refute')! > 0 ? 1 : 0);

    const dense = new Float64Array(DENSE_FEATURE_NAMES.length);
    DENSE_FEATURE_NAMES.forEach((name, index) => {
      dense[index] = values.get(name) ?? 0;
    });

    // Pair features: the words of the sentences closest to the headline, the stance words among
    // them, and each headline stem with the stance groups those sentences carry.
    const topWords = new Map<string, number>();
    const topCues: [string, number][] = [];
    const topGroups = new Set<CueGroup>();
    for (const entry of top) {
      const sentence = sentences[entry.index]!;
      if (this.lexical) for (const word of sentence.words) topWords.set(`t:${word}`, 1);
      for (const word of sentence.cueWords) topCues.push([`tc:${word}`, 1]);
      for (const cue of sentence.cues) topGroups.add(cue);
    }
    const crosses = new Map<string, number>();
    if (this.lexical) {
      for (const key of headline.uniqueStems) {
        for (const group of topGroups) crosses.set(`x:${key}|${group}`, 1);
      }
    }
    const bins: [string, number][] = [];
    for (const name of BINNED_FEATURES) {
      const value = values.get(name) ?? 0;
      const bin = SIMILARITY_BINS.findIndex((edge) => value < edge);
      bins.push([`bin:${name}:${bin < 0 ? SIMILARITY_BINS.length : bin}`, 1]);
    }
    return {
      dense,
      sparse: [
        ...headline.sparse,
        ...body.sparse,
        ...normalised(topWords),
        ...new Map(topCues),
        ...normalised(crosses),
        ...bins,
      ],
    };
  }
}

/** Stems that share this many first characters count as the same word for `prefixCover`. */
export const PREFIX_LENGTH = 5;

/** Quotation marks: a sentence that quotes someone reports rather than asserts. */
const QUOTATION = /["“”]/;

/** A sentence counts as about the headline from this TF-IDF cosine on (a round value, not tuned: the model weighs the share it gives). */
export const RELEVANT_SIMILARITY = 0.15;

/** Similarity features also given as one-hot bins, so that a linear model can bend on them. */
const BINNED_FEATURES = [
  'cosineBody',
  'cosineBest',
  'cosineLead',
  'coverBody',
  'coverTop',
  'prefixCover',
] as const;
const SIMILARITY_BINS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8];
