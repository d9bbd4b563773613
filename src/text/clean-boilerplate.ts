import type { RemovedText } from '../model/article.js';
import type { Block, BlockHint, ReadableText } from '../model/block.js';
import { OffsetMap, type AlignedRun } from '../model/offset-map.js';
import type { TextRange } from '../model/span.js';
import { loadBoilerplateRules, ruleMatches, type BoilerplateRule } from './boilerplate-lexicon.js';
import { detectLineLanguage } from './detect-language.js';
import { dominantScript, type Script } from './detect-script.js';
import { hasFunctionWordsOf } from './function-words.js';

/** What cleaning needs to know about the article as a whole. */
export interface CleaningContext {
  /** The article's language (ISO 639-1) or `und`. */
  readonly language: string;
  /** The script most of the article is written in. */
  readonly script: Script | undefined;
}

export interface KeptBlock {
  /** The block's range in the cleaned text. */
  readonly range: TextRange;
  readonly hint?: BlockHint;
  /** Index of the block in the input's block list, so later rules know what stood before it. */
  readonly blockIndex: number;
}

export interface CleanedText {
  readonly text: string;
  readonly offsetMap: OffsetMap;
  readonly removed: readonly RemovedText[];
  readonly blocks: readonly KeptBlock[];
}

/** Between kept blocks in the cleaned text: a blank line, so paragraphs stay visible. */
export const PARAGRAPH_SEPARATOR = '\n\n';
/** A section-start rule (a comments heading) only counts past this share of the readable text. */
const SECTION_START_MIN_POSITION = 0.5;
/** A line carrying a photo credit is a caption when it is at most this long; a body paragraph is longer. */
const MAX_CAPTION_WORDS = 45;
/** A caption's second line (a name, a place) is short and is not a sentence. */
const MAX_CAPTION_CONTINUATION_WORDS = 12;
/** Fewer letters than this in another script is a name or a symbol, not a line in another language. */
const MIN_FOREIGN_SCRIPT_LETTERS = 3;
/** Same-script language id needs this much text to be trusted (names read as any language). */
const MIN_FOREIGN_LANGUAGE_LETTERS = 40;
/** Exact repeats of blocks longer than this are kept once rather than both removed as captions. */
const MAX_REPEATED_CAPTION_WORDS = 40;

const CAPTION_FAMILY = new Set([
  'html-caption',
  'photo-credit-block',
  'agency-credit-block',
  'caption-with-credit',
  'gallery-widget',
  'other-script',
  'other-language',
  'repeated-caption',
  'caption-continuation',
]);

interface Verdict {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Takes page furniture out of an input's readable text and records each removal with its reason
 * and its offsets in the input. Only whole blocks and bracketed credits are removed, and kept text
 * is copied verbatim, so every cleaned offset maps back to the input exactly.
 */
export function cleanBoilerplate(readable: ReadableText, context: CleaningContext): CleanedText {
  const rules = loadBoilerplateRules();
  const { text: source, blocks } = readable;
  const blockText = blocks.map((block) => source.slice(block.start, block.end));
  const verdicts: (Verdict | undefined)[] = blocks.map((block, index) =>
    judgeBlock(block, blockText[index]!, rules, context),
  );
  applySectionStarts(blocks, blockText, rules, verdicts, source.length);
  markRepeatedCaptions(blocks, blockText, verdicts);
  markCaptionContinuations(blocks, blockText, verdicts);

  const inlineRules = rules.filter((rule) => rule.scope === 'inline');
  const removed: RemovedText[] = [];
  const runs: AlignedRun[] = [];
  const kept: KeptBlock[] = [];
  let text = '';
  blocks.forEach((block, index) => {
    const verdict = verdicts[index];
    if (verdict) {
      removed.push({ start: block.start, end: block.end, text: blockText[index]!, ...verdict });
      return;
    }
    const pieces = removeInline(source, block, inlineRules, removed);
    if (pieces.length === 0) return;
    if (text) text += PARAGRAPH_SEPARATOR;
    const blockStart = text.length;
    pieces.forEach((piece, pieceIndex) => {
      if (pieceIndex > 0 && piece.joinWithSpace) text += ' ';
      runs.push({
        cleanStart: text.length,
        originalStart: piece.start,
        length: piece.end - piece.start,
      });
      text += source.slice(piece.start, piece.end);
    });
    kept.push({
      range: { start: blockStart, end: text.length },
      blockIndex: index,
      ...(block.hint ? { hint: block.hint } : {}),
    });
  });
  removed.sort((left, right) => left.start - right.start);
  return { text, offsetMap: new OffsetMap(runs), removed, blocks: kept };
}

function judgeBlock(
  block: Block,
  text: string,
  rules: readonly BoilerplateRule[],
  context: CleaningContext,
): Verdict | undefined {
  if (block.hint === 'caption') return { ruleId: 'html-caption', reason: 'photo caption' };
  if (block.hint === 'byline') return { ruleId: 'html-byline', reason: 'byline or dateline' };
  for (const rule of rules) {
    if (rule.scope === 'block' && ruleMatches(rule, text))
      return { ruleId: rule.id, reason: rule.reason };
  }
  const foreign = foreignScript(text, context.script);
  if (foreign) return { ruleId: 'other-script', reason: `line in another script (${foreign})` };
  const language = foreignLanguage(text, context.language);
  if (language)
    return { ruleId: 'other-language', reason: `line in another language (${language})` };
  if (endsWithCredit(text, rules) && wordCount(text) <= MAX_CAPTION_WORDS) {
    return { ruleId: 'caption-with-credit', reason: 'photo caption with credit' };
  }
  return undefined;
}

function foreignScript(text: string, articleScript: Script | undefined): Script | undefined {
  if (!articleScript || (articleScript === 'latin' && LATIN_OR_NO_LETTERS.test(text)))
    return undefined;
  const dominant = dominantScript(text);
  if (!dominant || dominant.script === articleScript || dominant.share < 0.5) return undefined;
  return dominant.letters >= MIN_FOREIGN_SCRIPT_LETTERS ? dominant.script : undefined;
}

/**
 * Text with only ASCII, Latin letters and general punctuation (curly quotes, dashes) is in Latin
 * script or none: the common case, told without counting letters.
 */
// eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose
const LATIN_OR_NO_LETTERS = /^[\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]*$/;

/** Scores eld gives a line: the foreign language must win by this margin over the article's own. */
const FOREIGN_LANGUAGE_MARGIN = 0.2;

function foreignLanguage(text: string, articleLanguage: string): string | undefined {
  if (articleLanguage === 'und' || text.length < MIN_FOREIGN_LANGUAGE_LETTERS) return undefined;
  if (hasFunctionWordsOf(articleLanguage, text)) return undefined;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_FOREIGN_LANGUAGE_LETTERS) return undefined;
  const detected = detectLineLanguage(text);
  if (!detected || detected.language === articleLanguage) return undefined;
  const own = detected.scores[articleLanguage] ?? 0;
  return detected.score - own >= FOREIGN_LANGUAGE_MARGIN ? detected.language : undefined;
}

let creditAtEnd: RegExp | undefined;

function endsWithCredit(text: string, rules: readonly BoilerplateRule[]): boolean {
  if (!/[)\]]\s*$/.test(text)) return false;
  if (!creditAtEnd) {
    const credit = rules.find((rule) => rule.id === 'credit-inline');
    if (!credit) return false;
    creditAtEnd = new RegExp(`(?:${credit.pattern})\\s*$`, credit.regex.flags.replace('g', ''));
  }
  return creditAtEnd.test(text);
}

function applySectionStarts(
  blocks: readonly Block[],
  blockText: readonly string[],
  rules: readonly BoilerplateRule[],
  verdicts: (Verdict | undefined)[],
  sourceLength: number,
): void {
  const sectionRules = rules.filter((rule) => rule.scope === 'section-start');
  const start = blocks.findIndex(
    (block, index) =>
      block.start >= sourceLength * SECTION_START_MIN_POSITION &&
      sectionRules.some((rule) => ruleMatches(rule, blockText[index]!)),
  );
  if (start < 0) return;
  const rule = sectionRules.find((candidate) => ruleMatches(candidate, blockText[start]!))!;
  for (let index = start; index < blocks.length; index++) {
    verdicts[index] ??= { ruleId: rule.id, reason: rule.reason };
  }
}

/**
 * Captions are often printed twice: as alt text and as the caption with its credit, or as the
 * same line repeated. A block repeated by (or a prefix of) the next block is a caption when short;
 * a long repeated block is a duplicated paragraph and only its second copy goes.
 */
function markRepeatedCaptions(
  blocks: readonly Block[],
  blockText: readonly string[],
  verdicts: (Verdict | undefined)[],
): void {
  for (let index = 0; index + 1 < blocks.length; index++) {
    const current = blockText[index]!;
    const next = blockText[index + 1]!;
    // Cheap exits first: most neighbouring blocks do not even start alike.
    if (!current || current.charCodeAt(0) !== next.charCodeAt(0)) continue;
    if (current === next) {
      if (wordCount(current) <= MAX_REPEATED_CAPTION_WORDS) {
        verdicts[index] ??= { ruleId: 'repeated-caption', reason: 'repeated caption line' };
        verdicts[index + 1] ??= { ruleId: 'repeated-caption', reason: 'repeated caption line' };
      } else {
        verdicts[index + 1] ??= {
          ruleId: 'duplicate-paragraph',
          reason: 'paragraph repeated verbatim',
        };
      }
    } else if (next.startsWith(current) && CAPTION_FAMILY.has(verdicts[index + 1]?.ruleId ?? '')) {
      verdicts[index] ??= {
        ruleId: 'repeated-caption',
        reason: 'caption repeated in the next line with its credit',
      };
    }
  }
}

/** A short non-sentence line right after a caption, credit or gallery line is more of the caption. */
function markCaptionContinuations(
  blocks: readonly Block[],
  blockText: readonly string[],
  verdicts: (Verdict | undefined)[],
): void {
  for (let index = 1; index < blocks.length; index++) {
    if (verdicts[index] || blocks[index]!.hint === 'heading') continue;
    const previous = verdicts[index - 1];
    if (!previous || !CAPTION_FAMILY.has(previous.ruleId)) continue;
    const text = blockText[index]!;
    if (wordCount(text) <= MAX_CAPTION_CONTINUATION_WORDS && !endsSentence(text)) {
      verdicts[index] = {
        ruleId: 'caption-continuation',
        reason: 'caption line after a photo or gallery',
      };
    }
  }
}

interface Piece extends TextRange {
  readonly joinWithSpace: boolean;
}

/** The block's text minus inline matches (bracketed credits), as pieces to copy; the matches go to `removed`. */
function removeInline(
  source: string,
  block: Block,
  inlineRules: readonly BoilerplateRule[],
  removed: RemovedText[],
): Piece[] {
  const lines = block.pieces ?? [block];
  const pieces: Piece[] = [];
  for (const [lineIndex, line] of lines.entries()) {
    const lineText = source.slice(line.start, line.end);
    const cuts: (TextRange & Verdict)[] = [];
    for (const rule of inlineRules) {
      if (rule.requires !== undefined && !lineText.includes(rule.requires)) continue;
      rule.regex.lastIndex = 0;
      for (let match = rule.regex.exec(lineText); match; match = rule.regex.exec(lineText)) {
        cuts.push({
          start: line.start + match.index,
          end: line.start + match.index + match[0].length,
          ruleId: rule.id,
          reason: rule.reason,
        });
      }
    }
    cuts.sort((left, right) => left.start - right.start);
    let cursor = line.start;
    // Between wrapped lines a space stands for the newline; after a cut the text keeps its own space.
    let joinWithSpace = lineIndex > 0;
    const piecesBeforeLine = pieces.length;
    const addPiece = (start: number, end: number): void => {
      // A line that began with a cut would start with the space that followed it.
      if (pieces.length === piecesBeforeLine)
        while (start < end && /\s/.test(source[start]!)) start++;
      if (end > start) pieces.push({ start, end, joinWithSpace });
    };
    for (const cut of cuts) {
      if (cut.start < cursor) continue;
      if (cut.start > cursor) {
        addPiece(cursor, cut.start);
        joinWithSpace = false;
      }
      removed.push({
        start: cut.start,
        end: cut.end,
        text: source.slice(cut.start, cut.end),
        ruleId: cut.ruleId,
        reason: cut.reason,
      });
      cursor = cut.end;
    }
    if (cursor < line.end) addPiece(cursor, line.end);
  }
  return pieces.filter(
    (piece) => piece.end > piece.start && source.slice(piece.start, piece.end).trim() !== '',
  );
}

export function wordCount(text: string): number {
  const words = text.trim().split(/\s+/);
  return words[0] === '' ? 0 : words.length;
}

/** True when a block ends like a sentence (terminal punctuation, possibly inside closing quotes). */
export function endsSentence(text: string): boolean {
  return /[.!?…]["'”’»)\]]*$/.test(text.trim());
}
