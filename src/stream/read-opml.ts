import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../model/errors.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => name === 'outline',
});

interface Outline {
  readonly '@xmlUrl'?: string;
  readonly outline?: readonly Outline[];
}

/**
 * The feed URLs of an OPML subscription list (what feed readers export), in document order,
 * nested folders included, each once. `input` names the file in errors.
 */
export function readOpml(xml: string, input: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new InputError(
      'bad-feed',
      input,
      `not valid OPML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  }
  const parsed = parser.parse(xml) as { opml?: { body?: { outline?: readonly Outline[] } } };
  if (!parsed.opml) throw new InputError('bad-feed', input, 'not OPML: no <opml> element');
  const urls: string[] = [];
  const visit = (outlines: readonly Outline[] | undefined): void => {
    for (const outline of outlines ?? []) {
      const url = outline['@xmlUrl']?.trim();
      if (url && !urls.includes(url)) urls.push(url);
      visit(outline.outline);
    }
  };
  visit(parsed.opml.body?.outline);
  if (urls.length === 0) throw new InputError('bad-feed', input, 'OPML lists no feeds (no xmlUrl)');
  return urls;
}
