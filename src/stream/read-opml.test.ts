import { describe, expect, it } from 'vitest';
import { readOpml } from './read-opml.js';

describe('readOpml', () => {
  it('lists every feed, nested folders included, each once', () => {
    const opml = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Desk</title></head><body>
  <outline text="Wires">
    <outline text="Baltic Wire" type="rss" xmlUrl="https://baltic-wire.example/rss"/>
    <outline text="Folder"><outline text="Herald" xmlUrl="https://herald.example/atom.xml"/></outline>
  </outline>
  <outline text="Again" xmlUrl="https://baltic-wire.example/rss"/>
  <outline text="A site, not a feed" htmlUrl="https://site.example/"/>
</body></opml>`;
    expect(readOpml(opml, 'desk.opml')).toEqual([
      'https://baltic-wire.example/rss',
      'https://herald.example/atom.xml',
    ]);
  });

  it('says what is wrong with the file', () => {
    expect(() => readOpml('<opml><body>', 'a.opml')).toThrow(/not valid OPML/);
    expect(() => readOpml('<rss></rss>', 'b.opml')).toThrow(/no <opml> element/);
    expect(() => readOpml('<opml><body><outline text="x"/></body></opml>', 'c.opml')).toThrow(
      /lists no feeds/,
    );
  });
});
