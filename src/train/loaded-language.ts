/**
 * `npm run train -- loaded-language [--data DIR] [--out FILE]`: the loaded-language scorer
 * (src/framing/loaded-language.ts), fitted on BASIL's 2010–2012 lexical-bias spans and written to
 * models/loaded-language.json.gz. DIR is the BASIL folder (default ../shared/data/basil); the
 * neutralisation table is counted from NeuS's train split in the `neus/` folder beside it.
 *
 * Each 2010–2012 article is built as the product builds it (text from `body-paragraphs`, title,
 * date and outlet as metadata, then cleaning and segmentation), its content words get their
 * features, and a word is a positive when it overlaps a gold `bias: lex` span. Settings and the
 * threshold were chosen by cross-validation over events: the triplets (one event told by three
 * outlets) are dealt into five folds, each held out in turn, repeated with four deals; the
 * threshold is the one with the best mean F1 over the deals. The job then fits the whole
 * 2010–2012 part and scores 2013–2014 once, for the record; both go into the model's `about`.
 *
 * `LOADED_LANGUAGE_TRY='[{…options…}, …]'` cross-validates each variant (and prints its 2013–2014
 * figures) and writes nothing: how the approaches in docs/adr/0007-loaded-language.md were
 * compared. `LOADED_LANGUAGE_OPTIONS='{…}'` trains and writes a variant.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { readNeus } from '../claims/read-neus.js';
import {
  LOADED_LANGUAGE_MODEL_PATH,
  LoadedLanguageModel,
  candidateWords,
  normaliseWord,
  stemOf,
  type CandidateWord,
  type LoadedLanguageModelFile,
  type LoadedLanguageTables,
} from '../framing/loaded-language.js';
import {
  basilSpanRange,
  basilText,
  countSpanOverlaps,
  readBasil,
  spanScores,
  toBasilPredictions,
  type BasilEntry,
  type BasilSpan,
  type BasilText,
  type SpanCounts,
  type SpanScores,
} from '../framing/read-basil.js';
import type { Article } from '../model/article.js';
import type { OffsetMap } from '../model/offset-map.js';
import { findPackageRoot } from '../model/package-files.js';
import type { TextRange } from '../model/span.js';
import { buildArticle } from '../pipeline/build-article.js';
import { segmentStage } from '../pipeline/segment-stage.js';
import { seededRandom } from '../stance/train-network.js';
import type { TrainContext, TrainTask } from './tasks.js';

/** The years BASIL's shared copy tunes on; 2013–2014 are the report split. */
export const BASIL_TUNE_YEARS: readonly [number, number] = [2010, 2012];
export const isBasilTuneYear = (year: number): boolean =>
  year >= BASIL_TUNE_YEARS[0] && year <= BASIL_TUNE_YEARS[1];

/**
 * A hand-written seed list of loaded word choice, from general knowledge of evaluative and
 * emotive vocabulary in political reporting (not from BASIL's 2013–2014 report split). Each group
 * is a feature of its own, so the model weighs "judgement adjectives" and "intensifiers"
 * differently; words are matched by Porter2 stem, so one form stands for its inflections.
 */
export const SEED_GROUPS: Readonly<Record<string, string>> = {
  'attack-verb': `slam blast lash rip rail fume scoff mock deride ridicule assail decry denounce
    condemn castigate excoriate berate chide scold rebuke lambaste pillory skewer savage bash
    trash smear demonize demonise vilify scapegoat bully hound taunt jeer sneer snipe swipe jab
    needle belittle disparage lampoon pan hammer pummel clobber thrash maul torch eviscerate
    shred`,
  'speech-verb': `tout boast brag crow gloat trumpet peddle spew rant whine gripe grumble bemoan
    lament moan carp bluster blather gush rave fulminate thunder bellow scream shriek howl yelp
    snap growl huff`,
  'conduct-verb': `cave capitulate backpedal backtrack waffle dodge duck evade sidestep stonewall
    balk snub spurn shun rebuff pounce exploit ram jam bulldoze steamroll gut slash raid loot
    plunder squander splurge pander kowtow grovel intimidate harass stoke inflame fan stir
    incite provoke meddle obstruct sabotage torpedo scuttle derail hijack defy flout scramble
    flail flounder stumble bungle botch fumble dither stall cower cringe rig conspire collude
    connive manipulate mislead deceive lie distort twist spin hype`,
  'judgement-adjective': `radical extreme extremist fringe controversial embattled beleaguered
    disgraced notorious infamous shady dubious questionable bogus phony phoney fake sham lavish
    extravagant exorbitant bloated wasteful reckless irresponsible outrageous shocking stunning
    staggering astonishing alarming disturbing appalling horrific horrendous disgraceful
    shameful despicable deplorable vile heinous egregious scathing blistering withering fiery
    fierce furious bitter heated testy frosty icy combative defiant brazen blatant flagrant
    cynical hypocritical dishonest deceptive misleading draconian harsh punishing crippling
    devastating disastrous catastrophic dire grim bleak chaotic tumultuous turbulent stormy
    explosive incendiary inflammatory divisive polarizing polarising hysterical paranoid
    unhinged bizarre ridiculous absurd ludicrous laughable silly petty nasty ugly vicious brutal
    ruthless cruel callous heartless greedy corrupt crooked rogue rabid zealous fanatical
    diehard hardline hard-line ultraconservative ultraliberal far-left far-right leftist
    rightwing right-wing left-wing socialist marxist fascist authoritarian tyrannical iconic
    legendary vaunted heroic gutsy visionary savvy shrewd wily slick charismatic pompous
    arrogant smug condescending snide sneering sanctimonious self-righteous obnoxious abrasive
    bombastic strident shrill vitriolic venomous toxic poisonous hostile aggressive belligerent
    bellicose feisty provocative offensive insulting demeaning derogatory racist sexist bigoted
    hateful xenophobic homophobic misogynistic anti-american un-american unpatriotic elitist
    out-of-touch clueless inept incompetent hapless feckless spineless weak timid lackluster
    lacklustre lame dismal abysmal pathetic miserable awful terrible horrible dreadful sorry
    sad tragic dangerous menacing sinister ominous dark nefarious shadowy secretive murky
    sleazy seedy sordid tawdry lurid salacious scandalous`,
  'loaded-noun': `scheme ploy stunt gimmick charade farce hoax debacle fiasco disaster
    catastrophe meltdown mess chaos scandal uproar outcry outrage furor furore firestorm
    backlash tirade diatribe screed broadside onslaught barrage assault crusade vendetta
    witch-hunt handout handouts giveaway giveaways freebies bailout boondoggle pork loophole
    amnesty illegals propaganda rhetoric lies falsehoods gaffe gaffes blunder blunders flip-flop
    u-turn capitulation surrender appeasement meddling obstruction obstructionism obstructionist
    gridlock showdown brinkmanship hostage ransom extortion blackmail bribe kickback cronyism
    nepotism favoritism cronies henchmen minions lackeys stooges apologists cheerleaders
    acolytes zealots mob horde gang thugs agitators mouthpiece puppet shill hack demagogue
    demagoguery tyranny tyrant dictator regime radicals extremists elites insiders fat-cats
    firebrand maverick darling juggernaut mastermind ringleader nonsense garbage rubbish drivel
    claptrap hogwash baloney malarkey hypocrisy arrogance incompetence ineptitude cowardice
    greed corruption deceit treachery betrayal`,
  'intensifier-adverb': `very extremely incredibly remarkably strikingly deeply utterly totally
    completely absolutely entirely wildly hugely vastly massively grossly sorely desperately
    dangerously badly sharply fiercely vehemently bitterly angrily furiously flatly bluntly
    curtly brazenly blatantly shamelessly unabashedly unapologetically openly conveniently
    ironically notably clearly obviously plainly evidently undeniably famously infamously
    notoriously erroneously falsely wrongly mistakenly repeatedly constantly relentlessly
    endlessly staunchly fervently ardently vigorously aggressively emphatically sheer outright
    downright`,
  'hedge-adverb': `supposedly allegedly purportedly ostensibly seemingly apparently arguably
    reportedly so-called self-proclaimed self-styled would-be`,
};

export interface LoadedLanguageTrainingOptions {
  /** Full-batch AdaGrad steps; the loss is convex, and 2,000 steps settle it (300 left it short by a point of F1). */
  readonly iterations: number;
  readonly learningRate: number;
  /** L2 penalty on every weight but the bias and the stems'. */
  readonly l2: number;
  /** L2 penalty on the stems' own weights (`w:`): most stems are seen a few times, and a loose penalty learns the training events' topics. */
  readonly stemL2: number;
  /** Features whose name starts with one of these are left out (ablations). */
  readonly dropPrefixes: readonly string[];
  /** When not empty, only features whose name starts with one of these are kept (baselines). */
  readonly keepPrefixes: readonly string[];
}

/**
 * Settings of the shipped model, chosen by cross-validation over events (figures in
 * docs/adr/0007-loaded-language.md). An L2 of 0.1 and 0.03 scored alike; 0.3 lost a little.
 */
export const SHIPPED_LOADED_LANGUAGE_TRAINING: LoadedLanguageTrainingOptions = {
  iterations: 2000,
  learningRate: 0.3,
  l2: 0.1,
  stemL2: 1,
  dropPrefixes: [],
  keepPrefixes: [],
};

export const CROSS_VALIDATION_FOLDS = 5;
/** Deals of the triplets into folds: the first in triplet order, the others seeded shuffles. */
export const CROSS_VALIDATION_DEALS = 4;
export const SPLIT_SEED = 7;
/** Thresholds tried, on the logit: from THRESHOLD_LOW to THRESHOLD_HIGH by THRESHOLD_STEP. */
const THRESHOLD_LOW = -5;
const THRESHOLD_HIGH = 2;
const THRESHOLD_STEP = 0.02;

/** NeuS stems in fewer events than this get no neutralisation entry: too few to say. */
const MIN_NEUS_EVENTS = 3;
/** Strength of the Dirichlet prior of the log-odds z-score (Monroe et al. 2008, "Fightin' Words"). */
const LOG_ODDS_PRIOR = 500;
/** The z-score is clipped to this range and divided by its top, so it weighs like the others. */
const Z_RANGE: readonly [number, number] = [-3, 5];
/** Survival is smoothed towards 0.3 (about the share of a snippet's stems its summary keeps) with two pseudo-events. */
const SURVIVAL_PRIOR = 0.3;
const SURVIVAL_PSEUDO_EVENTS = 2;
/** log(1 + events) is divided by this, to sit near 0–1. */
const EVENT_SCALE = 5;

const NEUS_WORD = /[\p{L}]+(?:[-'’][\p{L}]+)*/gu;

function neusStems(text: string): string[] {
  return [...text.matchAll(NEUS_WORD)].map((match) => stemOf(normaliseWord(match[0])));
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * How NeuS's neutral summaries treat each stem: over the train events, how often the outlets'
 * snippets and the editors' summaries use it (log-odds z-score), and in what share of the events
 * whose snippets have it the summary drops it. A word the editors take out ("slams" for
 * "criticizes") is a word someone found slanted.
 */
export function countNeutralisation(
  sourcePath: string,
  targetPath: string,
): Record<string, [number, number, number]> {
  const sources = readNeus(sourcePath);
  const targets = readNeus(targetPath);
  const counts = new Map<
    string,
    { source: number; target: number; events: number; kept: number }
  >();
  const entry = (
    stem: string,
  ): { source: number; target: number; events: number; kept: number } => {
    let found = counts.get(stem);
    if (!found) counts.set(stem, (found = { source: 0, target: 0, events: 0, kept: 0 }));
    return found;
  };
  let sourceTotal = 0;
  let targetTotal = 0;
  sources.forEach((event, index) => {
    const target = targets[index]?.snippets ?? [];
    const targetStems = target.flatMap((snippet) => neusStems(`${snippet.title} ${snippet.text}`));
    for (const stem of targetStems) entry(stem).target++;
    targetTotal += targetStems.length;
    const kept = new Set(targetStems);
    const inEvent = new Set<string>();
    for (const snippet of event.snippets) {
      for (const stem of neusStems(`${snippet.title} ${snippet.text}`)) {
        entry(stem).source++;
        sourceTotal++;
        inEvent.add(stem);
      }
    }
    for (const stem of inEvent) {
      const found = entry(stem);
      found.events++;
      if (kept.has(stem)) found.kept++;
    }
  });
  const table: Record<string, [number, number, number]> = {};
  for (const stem of [...counts.keys()].sort()) {
    const { source, target, events, kept } = counts.get(stem)!;
    if (events < MIN_NEUS_EVENTS) continue;
    const prior = (LOG_ODDS_PRIOR * (source + target)) / (sourceTotal + targetTotal);
    const z =
      (Math.log((source + prior) / (sourceTotal + LOG_ODDS_PRIOR - source - prior)) -
        Math.log((target + prior) / (targetTotal + LOG_ODDS_PRIOR - target - prior))) /
      Math.sqrt(1 / (source + prior) + 1 / (target + prior));
    const survival =
      (kept + SURVIVAL_PRIOR * SURVIVAL_PSEUDO_EVENTS) / (events + SURVIVAL_PSEUDO_EVENTS);
    table[stem] = [
      round(Math.max(Z_RANGE[0], Math.min(Z_RANGE[1], z)) / Z_RANGE[1], 3),
      round(1 - survival, 3),
      round(Math.log(events + 1) / EVENT_SCALE, 3),
    ];
  }
  return table;
}

/** wink-nlp's sentiment of every word of its English lexicon, read word by word (non-zero ones). */
export function winkWordSentiment(): Record<string, number> {
  const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  // The model's core loader gives its lexicon; the package's types do not describe it.
  const core = (
    model as unknown as { core(): { features: { lexeme: { list: string[] } } } }
  ).core();
  const lexemes = core.features.lexeme.list;
  const table: Record<string, number> = {};
  for (const word of [...new Set(lexemes)].filter((w) => /^[a-z][a-z'-]*$/.test(w)).sort()) {
    const value = nlp.readDoc(word).out(nlp.its.sentiment) as number;
    if (value !== 0) table[word] = round(value, 3);
  }
  return table;
}

/** Porter2 stem → seed group (a stem in two groups keeps the first). */
export function seedGroupsByStem(): Record<string, string> {
  const table = new Map<string, string>();
  for (const [group, words] of Object.entries(SEED_GROUPS)) {
    for (const word of words.split(/\s+/).filter(Boolean)) {
      const stem = stemOf(normaliseWord(word));
      if (!table.has(stem)) table.set(stem, group);
    }
  }
  return Object.fromEntries([...table].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function tablesOf(
  file: Pick<LoadedLanguageModelFile, 'sentiment' | 'neutralisation' | 'groups'>,
): LoadedLanguageTables {
  return {
    sentiment: new Map(Object.entries(file.sentiment)),
    neutralisation: new Map(Object.entries(file.neutralisation)),
    groups: new Map(Object.entries(file.groups)),
  };
}

/** A BASIL article as the product sees it: built from title, date, outlet and text only, and segmented. */
export function buildBasilArticle(entry: BasilEntry, built: BasilText): Article {
  const { article } = entry;
  const result = buildArticle(
    {
      input: article.path,
      format: 'text',
      content: built.text,
      metadata: {
        ...(article.title ? { title: article.title } : {}),
        ...(article.date ? { published: article.date } : {}),
        outlet: article.outlet,
      },
      idBasis: article.stem,
      diagnostics: [],
    },
    article.stem,
  );
  segmentStage.run(result);
  return result;
}

/** The cleaned-text range of a range of the text cleaning started from, or undefined when cleaning removed it. */
export function cleanRangeOf(map: OffsetMap, range: TextRange): TextRange | undefined {
  let start: number | undefined;
  let end: number | undefined;
  for (const run of map.alignedRuns) {
    const runEnd = run.originalStart + run.length;
    if (start === undefined && range.start < runEnd && range.start >= run.originalStart) {
      start = run.cleanStart + (range.start - run.originalStart);
    }
    if (range.end > run.originalStart && range.end <= runEnd) {
      end = run.cleanStart + (range.end - run.originalStart);
    }
  }
  return start !== undefined && end !== undefined && start < end ? { start, end } : undefined;
}

/** One BASIL article ready for training: its candidates, their labels and gold overlaps. */
interface PreparedArticle {
  readonly entry: BasilEntry;
  readonly article: Article;
  readonly built: BasilText;
  readonly candidates: readonly CandidateWord[];
  /** For each candidate, the indices of the gold lex spans it overlaps (mostly none). */
  readonly overlaps: readonly (readonly number[])[];
  readonly gold: readonly BasilSpan[];
}

export function prepareArticle(entry: BasilEntry, tables: LoadedLanguageTables): PreparedArticle {
  const built = basilText(entry.article);
  const article = buildBasilArticle(entry, built);
  const gold = (entry.annotations ?? []).filter((annotation) => annotation.bias === 'lex');
  const goldClean = gold.map((span) => {
    const range = basilSpanRange(built, span);
    return range ? cleanRangeOf(article.offsetMap, range) : undefined;
  });
  const candidates = candidateWords(article, tables);
  const overlaps = candidates.map((candidate) =>
    goldClean.flatMap((range, index) =>
      range && candidate.start < range.end && range.start < candidate.end ? [index] : [],
    ),
  );
  return { entry, article, built, candidates, overlaps, gold };
}

/** Every feature name interned once; candidates as sparse rows, all articles' rows in one flat store. */
class EncodedData {
  readonly names: string[] = [];
  private readonly idOf = new Map<string, number>();
  /** Row `r` has entries `rowStart[r]` to `rowStart[r + 1]`; article `a` has rows `articleStart[a]` to `articleStart[a + 1]`. */
  readonly rowStart: Int32Array;
  readonly articleStart: Int32Array;
  readonly ids: Int32Array;
  readonly values: Float64Array;
  readonly labels: Uint8Array;

  constructor(articles: readonly PreparedArticle[]) {
    const rowStart = [0];
    const articleStart = [0];
    const ids: number[] = [];
    const values: number[] = [];
    const labels: number[] = [];
    for (const prepared of articles) {
      prepared.candidates.forEach((candidate, index) => {
        for (const [name, value] of candidate.features) {
          let id = this.idOf.get(name);
          if (id === undefined) {
            id = this.names.length;
            this.names.push(name);
            this.idOf.set(name, id);
          }
          ids.push(id);
          values.push(value);
        }
        rowStart.push(ids.length);
        labels.push(prepared.overlaps[index]!.length > 0 ? 1 : 0);
      });
      articleStart.push(labels.length);
    }
    this.rowStart = Int32Array.from(rowStart);
    this.articleStart = Int32Array.from(articleStart);
    this.ids = Int32Array.from(ids);
    this.values = Float64Array.from(values);
    this.labels = Uint8Array.from(labels);
  }

  get rowCount(): number {
    return this.labels.length;
  }
}

function keptFeatures(
  names: readonly string[],
  options: LoadedLanguageTrainingOptions,
): Uint8Array {
  return Uint8Array.from(names, (name) => {
    if (name === 'bias') return 1;
    if (options.dropPrefixes.some((prefix) => name.startsWith(prefix))) return 0;
    if (options.keepPrefixes.length > 0) {
      return options.keepPrefixes.some((prefix) => name.startsWith(prefix)) ? 1 : 0;
    }
    return 1;
  });
}

/**
 * L2-regularised logistic regression by full-batch AdaGrad from zero: deterministic (the same rows
 * in the same order give the same weights), and the loss is convex, so no seed is needed. Features
 * the options leave out keep a weight of 0.
 */
function fitLogistic(
  data: EncodedData,
  articles: readonly number[],
  options: LoadedLanguageTrainingOptions,
): Float64Array {
  const size = data.names.length;
  const kept = keptFeatures(data.names, options);
  // The chosen articles' rows with the left-out features dropped, packed once for all steps.
  const rowStart: number[] = [0];
  const ids: number[] = [];
  const values: number[] = [];
  const labels: number[] = [];
  for (const article of articles) {
    for (let row = data.articleStart[article]!; row < data.articleStart[article + 1]!; row++) {
      for (let k = data.rowStart[row]!; k < data.rowStart[row + 1]!; k++) {
        if (!kept[data.ids[k]!]) continue;
        ids.push(data.ids[k]!);
        values.push(data.values[k]!);
      }
      rowStart.push(ids.length);
      labels.push(data.labels[row]!);
    }
  }
  const starts = Int32Array.from(rowStart);
  const packedIds = Int32Array.from(ids);
  const packedValues = Float64Array.from(values);
  const penalty = Float64Array.from(data.names, (name) =>
    name === 'bias' ? 0 : name.startsWith('w:') ? options.stemL2 : options.l2,
  );
  const weights = new Float64Array(size);
  const squares = new Float64Array(size).fill(1e-8);
  const gradient = new Float64Array(size);
  for (let step = 0; step < options.iterations; step++) {
    gradient.fill(0);
    for (let row = 0; row < labels.length; row++) {
      const first = starts[row]!;
      const last = starts[row + 1]!;
      let logit = 0;
      for (let k = first; k < last; k++) logit += weights[packedIds[k]!]! * packedValues[k]!;
      const error = 1 / (1 + Math.exp(-logit)) - labels[row]!;
      for (let k = first; k < last; k++) gradient[packedIds[k]!]! += error * packedValues[k]!;
    }
    for (let id = 0; id < size; id++) {
      if (!kept[id]) continue;
      const g = gradient[id]! + penalty[id]! * weights[id]!;
      squares[id]! += g * g;
      weights[id]! -= (options.learningRate * g) / Math.sqrt(squares[id]!);
    }
  }
  return weights;
}

function scoresOf(data: EncodedData, article: number, weights: ArrayLike<number>): Float64Array {
  const first = data.articleStart[article]!;
  const scores = new Float64Array(data.articleStart[article + 1]! - first);
  for (let row = first; row < data.articleStart[article + 1]!; row++) {
    let logit = 0;
    for (let k = data.rowStart[row]!; k < data.rowStart[row + 1]!; k++) {
      logit += weights[data.ids[k]!]! * data.values[k]!;
    }
    scores[row - first] = logit;
  }
  return scores;
}

/**
 * BASIL's counts for one article at a threshold, as `loadedSpans` makes the spans: candidates at or
 * above it, next-door words joined; a joined span is correct when any of its words overlaps gold.
 */
function countsAt(
  prepared: PreparedArticle,
  scores: ArrayLike<number>,
  threshold: number,
): SpanCounts {
  let predicted = 0;
  let correct = 0;
  const found = new Set<number>();
  let lastToken = -2;
  let spanCorrect = false;
  prepared.candidates.forEach((candidate, index) => {
    if (scores[index]! < threshold) return;
    const overlaps = prepared.overlaps[index]!;
    if (candidate.token === lastToken + 1) {
      if (!spanCorrect && overlaps.length > 0) {
        spanCorrect = true;
        correct++;
      }
    } else {
      predicted++;
      spanCorrect = overlaps.length > 0;
      if (spanCorrect) correct++;
    }
    lastToken = candidate.token;
    for (const gold of overlaps) found.add(gold);
  });
  return { predicted, correct, gold: prepared.gold.length, found: found.size };
}

function thresholds(): number[] {
  const list: number[] = [];
  for (let value = THRESHOLD_LOW; value <= THRESHOLD_HIGH + 1e-9; value += THRESHOLD_STEP) {
    list.push(round(value, 2));
  }
  return list;
}

interface CrossValidation {
  readonly threshold: number;
  /** Mean over the deals of precision, recall and F1 at the threshold. */
  readonly mean: { precision: number; recall: number; f1: number };
  /** Each deal's scores at the threshold. */
  readonly deals: readonly SpanScores[];
}

/** Triplets dealt into folds, each fold held out in turn; every deal's held-out scores kept per article. */
function crossValidate(
  articles: readonly PreparedArticle[],
  data: EncodedData,
  options: LoadedLanguageTrainingOptions,
  log: (line: string) => void,
): CrossValidation {
  const triplets = [
    ...new Set(articles.map((prepared) => prepared.entry.article.tripletUuid)),
  ].sort();
  const grid = thresholds();
  const dealCounts: SpanCounts[][][] = [];
  for (let deal = 0; deal < CROSS_VALIDATION_DEALS; deal++) {
    let order = triplets;
    if (deal > 0) {
      const random = seededRandom(SPLIT_SEED + deal);
      order = triplets
        .map((triplet) => ({ triplet, key: random() }))
        .sort((a, b) => a.key - b.key)
        .map(({ triplet }) => triplet);
    }
    const foldOf = new Map(
      order.map((triplet, index) => [triplet, index % CROSS_VALIDATION_FOLDS]),
    );
    const scores: Float64Array[] = new Array<Float64Array>(articles.length);
    for (let fold = 0; fold < CROSS_VALIDATION_FOLDS; fold++) {
      const inFold = (index: number): boolean =>
        foldOf.get(articles[index]!.entry.article.tripletUuid) === fold;
      const trainOn = articles.map((_, index) => index).filter((index) => !inFold(index));
      const weights = fitLogistic(data, trainOn, options);
      for (let index = 0; index < articles.length; index++) {
        if (inFold(index)) scores[index] = scoresOf(data, index, weights);
      }
    }
    dealCounts.push(
      grid.map((threshold) =>
        articles.map((prepared, index) => countsAt(prepared, scores[index]!, threshold)),
      ),
    );
  }
  let best = 0;
  let bestF1 = -1;
  grid.forEach((_, position) => {
    const f1 =
      dealCounts.reduce((sum, deal) => sum + spanScores(deal[position]!).f1, 0) / dealCounts.length;
    if (f1 > bestF1) {
      bestF1 = f1;
      best = position;
    }
  });
  const deals = dealCounts.map((deal) => spanScores(deal[best]!));
  const mean = (key: 'precision' | 'recall' | 'f1'): number =>
    deals.reduce((sum, scores) => sum + scores[key], 0) / deals.length;
  const result = {
    threshold: grid[best]!,
    mean: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    deals,
  };
  log(
    `  cross-validation (${CROSS_VALIDATION_FOLDS} folds of events × ${CROSS_VALIDATION_DEALS} deals), threshold ${result.threshold}: P ${percent(result.mean.precision)} R ${percent(result.mean.recall)} F1 ${percent(result.mean.f1)} (deals: ${deals.map((d) => percent(d.f1)).join(' ')})`,
  );
  return result;
}

const percent = (value: number): string => (100 * value).toFixed(1);

function modelFile(
  data: EncodedData,
  weights: Float64Array,
  threshold: number,
  tables: Pick<LoadedLanguageModelFile, 'sentiment' | 'neutralisation' | 'groups'>,
  about: Record<string, unknown>,
): LoadedLanguageModelFile {
  const named = data.names
    .map((name, id) => [name, round(weights[id]!, 4)] as const)
    .filter(([, weight]) => weight !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return { about, weights: Object.fromEntries(named), threshold, ...tables };
}

/** The 2013–2014 figures of a model, run as the product runs it (`LoadedLanguageModel.find`). */
function scoreReport(model: LoadedLanguageModel, report: readonly PreparedArticle[]): SpanScores {
  return spanScores(
    report.map((prepared) =>
      countSpanOverlaps(
        toBasilPredictions(prepared.article, prepared.built, model.find(prepared.article)),
        prepared.gold,
      ),
    ),
  );
}

function describe(scores: SpanScores): string {
  return `P ${percent(scores.precision)} (${scores.correct}/${scores.predicted}) R ${percent(scores.recall)} (${scores.found}/${scores.gold}) F1 ${percent(scores.f1)}`;
}

export const loadedLanguageTask: TrainTask = {
  description:
    'loaded-language word scorer on BASIL 2010–2012 lexical-bias spans → models/loaded-language.json.gz',
  async run(context: TrainContext): Promise<boolean> {
    const root = findPackageRoot();
    const data = resolve(context.data ?? join(root, '..', 'shared', 'data', 'basil'));
    const neus = join(dirname(data), 'neus');
    const neusSource = join(neus, 'train.source');
    const neusTarget = join(neus, 'train.target');
    if (!existsSync(join(data, 'articles')) || !existsSync(join(data, 'annotations'))) {
      context.log(
        `loaded-language: no BASIL articles/ and annotations/ in ${data}; pass --data DIR`,
      );
      return false;
    }
    if (!existsSync(neusSource) || !existsSync(neusTarget)) {
      context.log(`loaded-language: no NeuS train.source and train.target in ${neus}`);
      return false;
    }
    const started = performance.now();
    const tables = {
      sentiment: winkWordSentiment(),
      neutralisation: countNeutralisation(neusSource, neusTarget),
      groups: seedGroupsByStem(),
    };
    const lookup = tablesOf(tables);
    const entries = readBasil(data);
    const tune = entries.filter((entry) => isBasilTuneYear(entry.article.year));
    const report = entries.filter((entry) => !isBasilTuneYear(entry.article.year));
    const tuneArticles = tune.map((entry) => prepareArticle(entry, lookup));
    const reportArticles = report.map((entry) => prepareArticle(entry, lookup));
    const encoded = new EncodedData(tuneArticles);
    const positives = encoded.labels.reduce((sum, label) => sum + label, 0);
    const goldSpans = tuneArticles.reduce((sum, prepared) => sum + prepared.gold.length, 0);
    context.log(
      `loaded-language: ${tuneArticles.length} articles of ${BASIL_TUNE_YEARS.join('–')} (${goldSpans} lex spans), ${encoded.rowCount} content words (${positives} in a lex span), ${encoded.names.length} features; tables: ${Object.keys(tables.sentiment).length} sentiment words, ${Object.keys(tables.neutralisation).length} NeuS stems, ${Object.keys(tables.groups).length} seed stems (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const allTune = tuneArticles.map((_, index) => index);

    const tries = process.env['LOADED_LANGUAGE_TRY'];
    if (tries) {
      for (const variant of JSON.parse(tries) as Partial<LoadedLanguageTrainingOptions>[]) {
        const options = { ...SHIPPED_LOADED_LANGUAGE_TRAINING, ...variant };
        context.log(`loaded-language: try ${JSON.stringify(variant)}`);
        const cv = crossValidate(tuneArticles, encoded, options, context.log);
        const weights = fitLogistic(encoded, allTune, options);
        const candidate = new LoadedLanguageModel(
          modelFile(encoded, weights, cv.threshold, tables, {}),
        );
        context.log(`  2013–2014: ${describe(scoreReport(candidate, reportArticles))}`);
      }
      return true;
    }

    const override = process.env['LOADED_LANGUAGE_OPTIONS'];
    const options: LoadedLanguageTrainingOptions = {
      ...SHIPPED_LOADED_LANGUAGE_TRAINING,
      ...(override ? (JSON.parse(override) as Partial<LoadedLanguageTrainingOptions>) : {}),
    };
    const cv = crossValidate(tuneArticles, encoded, options, context.log);
    context.log('loaded-language: fitting all of 2010–2012');
    const weights = fitLogistic(encoded, allTune, options);
    const figures = (scores: SpanScores): Record<string, number> => ({
      precision: round(100 * scores.precision, 1),
      recall: round(100 * scores.recall, 1),
      f1: round(100 * scores.f1, 1),
      predicted: scores.predicted,
      correct: scores.correct,
      gold: scores.gold,
      found: scores.found,
    });
    const about: Record<string, unknown> = {
      task: 'BASIL lexical bias: content words judged lexically loaded (emotive, slanted, judgemental word choice)',
      data: relative(root, data),
      trainedOn: `${tuneArticles.length} articles of ${BASIL_TUNE_YEARS.join('–')} (${goldSpans} lex spans; ${encoded.rowCount} content words, ${positives} in a lex span)`,
      model:
        'logistic regression over the features of src/framing/loaded-language.ts (part of speech, wink-nlp word sentiment, NeuS neutralisation of the stem, hand-written seed groups, the stem, quotation, context); spans are the words at or above the threshold, next-door words joined',
      tables:
        'sentiment: wink-eng-lite-web-model lexicon, word by word; neutralisation: NeuS train.source against train.target; groups: SEED_GROUPS in src/train/loaded-language.ts',
      options,
      crossValidation: {
        how: `BASIL triplets (events) dealt into ${CROSS_VALIDATION_FOLDS} folds, each held out in turn, ${CROSS_VALIDATION_DEALS} deals (the first in triplet order, then seeded shuffles, seed ${SPLIT_SEED}); the threshold maximises the mean F1 over the deals`,
        threshold: cv.threshold,
        precision: round(100 * cv.mean.precision, 1),
        recall: round(100 * cv.mean.recall, 1),
        f1: round(100 * cv.mean.f1, 1),
        deals: cv.deals.map(figures),
      },
    };
    const file = modelFile(encoded, weights, cv.threshold, tables, about);
    // Score 2013–2014 with the saved (rounded) model, as the product runs it.
    const shippedModel = new LoadedLanguageModel(
      JSON.parse(JSON.stringify(file)) as LoadedLanguageModelFile,
    );
    const reportScores = scoreReport(shippedModel, reportArticles);
    context.log(
      `loaded-language: 2013–2014 (${reportArticles.length} articles): ${describe(reportScores)}`,
    );
    about['reportSplit'] = {
      articles: reportArticles.length,
      ...figures(reportScores),
      note: 'for the record: settings and threshold were chosen by cross-validation on 2010–2012; `npm run eval -- basil` gives the figures through the whole pipeline',
    };
    const out = resolve(context.out ?? join(root, LOADED_LANGUAGE_MODEL_PATH));
    await mkdir(dirname(out), { recursive: true });
    const bytes = gzipSync(JSON.stringify(file), { level: 9 });
    await writeFile(out, bytes);
    context.log(
      `loaded-language: trained in ${((performance.now() - started) / 1000).toFixed(1)} s; ${(bytes.length / 1e3).toFixed(0)} kB → ${relative(process.cwd(), out)}`,
    );
    return true;
  },
};
