import { describe, expect, it } from 'vitest';
import { cleanBoilerplate } from './clean-boilerplate.js';
import { splitTextBlocks } from './split-text-blocks.js';

function clean(text: string) {
  return cleanBoilerplate(splitTextBlocks(text), { language: 'en', script: 'latin' });
}

describe('cleanBoilerplate', () => {
  it('removes a caption printed twice, the second time with its credit', () => {
    const input = [
      'The strike began in February.',
      'UNION LEADER addresses strikers at Pier 4; illustrative.',
      'UNION LEADER addresses strikers at Pier 4; illustrative. (credit: MARTA SELIN/NORDPRESS)',
      'Talks resume on Thursday.',
    ].join('\n');
    const result = clean(input);
    expect(result.text).toBe('The strike began in February.\n\nTalks resume on Thursday.');
    expect(result.removed.map((removed) => removed.ruleId)).toEqual([
      'repeated-caption',
      'caption-with-credit',
    ]);
  });

  it('removes lines in another script and the short caption line after them', () => {
    const input =
      'Body one.\n2 View gallery\nДраган Ковач у луци\nДраган Ковач у луци\nDragan Kovach\nBody two.';
    const result = clean(input);
    expect(result.text).toBe('Body one.\n\nBody two.');
    expect(result.removed.map((removed) => removed.reason)).toEqual([
      'gallery widget',
      'line in another script (cyrillic)',
      'line in another script (cyrillic)',
      'caption line after a photo or gallery',
    ]);
  });

  it('removes a comments heading and what follows it only near the end of an article', () => {
    const body = 'A long paragraph of the story that goes on for a while. '.repeat(4);
    const more = 'Another paragraph of the story, with different words in it. '.repeat(4);
    const early = clean(`Comments\n${body}\n${more}`);
    expect(early.text).toContain('Comments');
    const late = clean(`${body}\n${more}\nComments\nGreat article!\n""`);
    expect(late.text).not.toContain('Comments');
    expect(late.text).not.toContain('Great article');
    expect(late.removed.map((removed) => removed.ruleId)).toEqual([
      'comment-section',
      'comment-section',
      'stray-quotes',
    ]);
  });

  it('cuts a bracketed credit out of a body line and keeps the rest verbatim', () => {
    const input =
      'Strikers gathered at the gates (Photo: Lena Morav / NordPress) before dawn, and the union leader spoke to them for an hour about wages, cranes and the decree that the minister had promised.';
    const result = clean(input);
    expect(result.text).toBe(
      'Strikers gathered at the gates before dawn, and the union leader spoke to them for an hour about wages, cranes and the decree that the minister had promised.',
    );
    expect(result.removed[0]).toMatchObject({
      ruleId: 'credit-inline',
      text: ' (Photo: Lena Morav / NordPress)',
    });
  });

  it('keeps a long paragraph repeated verbatim once, as a duplicate rather than a caption', () => {
    const paragraph =
      'The port authority said on Tuesday that it would bring in replacement crews if the strike went on, and that the decision had been taken after weeks of failed talks with the union and the ministry about wages and the automation of two cranes.';
    const result = clean(`${paragraph}\n${paragraph}`);
    expect(result.text).toBe(paragraph);
    expect(result.removed[0]?.ruleId).toBe('duplicate-paragraph');
  });

  it('maps every kept character back to the same character of the input', () => {
    const input = 'Headline here\n\nFirst line.\n(credit: X/Y)\nSecond (Photo: A / B) line.';
    const result = clean(input);
    for (let offset = 0; offset < result.text.length; offset++) {
      if (result.text[offset] === '\n') continue;
      expect(input[result.offsetMap.toOriginal(offset)]).toBe(result.text[offset]);
    }
  });

  it('joins a hard-wrapped paragraph into one block but keeps one-line paragraphs apart', () => {
    const wrapped = [
      'The port authority said on Tuesday that it would bring in replacement',
      'crews if the strike went on, and that the decision had been taken after',
      'weeks of failed talks with the union and the ministry over wages and the',
      'automation of cranes.',
    ].join('\n');
    expect(clean(wrapped).blocks).toHaveLength(1);
    expect(clean(wrapped).text).toContain('replacement crews');
    const lines = 'Short one.\nAnother line that ends here.\nA third line that ends here too.';
    expect(clean(lines).blocks).toHaveLength(3);
  });
});
