import { describe, expect, it } from 'vitest';
import { isLocalImageUrl, renderMarkdown } from './markdown.ts';

describe('renderMarkdown: images only from the page’s own site', () => {
  it.each([
    ['![diagram](bilder/x.png)', '<p><img src="bilder/x.png" alt="diagram"></p>\n'],
    ['![d](/data/x.png)', '<p><img src="/data/x.png" alt="d"></p>\n'],
    // Each of these would make the browser ask another host, with whatever the URL carries.
    ['![x](https://exempel.se/leak.png?d=123)', '<p>x <em>(bild från annan webbplats visas inte)</em></p>\n'],
    ['![x](http://127.0.0.1:9/a.png)', '<p>x <em>(bild från annan webbplats visas inte)</em></p>\n'],
    ['![x](//exempel.se/a.png)', '<p>x <em>(bild från annan webbplats visas inte)</em></p>\n'],
    ['![x](HTTPS://exempel.se/a.png)', '<p>x <em>(bild från annan webbplats visas inte)</em></p>\n'],
  ])('%s', (md, html) => {
    expect(renderMarkdown(md)).toBe(html);
  });

  it.each([
    ['x.png', true],
    ['./a/b.svg', true],
    ['https://a.se/x.png', false],
    ['//a.se/x.png', false],
    [' //a.se/x.png', false],
    ['\\\\a.se\\x.png', false],
    ['/\\a.se/x.png', false],
    ['data:image/png;base64,AAAA', false],
    ['ftp://a.se/x.png', false],
  ])('isLocalImageUrl(%j) → %s', (src, local) => {
    expect(isLocalImageUrl(src)).toBe(local);
  });
});
