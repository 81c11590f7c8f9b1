import { Marked, type Tokens } from 'marked';

/** The part of DOMPurify this module uses; in the browser pass `DOMPurify(window)`. */
export interface Sanitizer {
  sanitize(html: string): string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Links may go to http(s), mailto or a relative address. Anything with another scheme
 * (javascript:, data:, vbscript:) or an entity/backslash before the first `/?#` is refused,
 * because browsers decode those into a scheme.
 */
export function isSafeUrl(href: string): boolean {
  const url = href.trim();
  if (/^(https?:\/\/|mailto:)/i.test(url)) return true;
  const head = url.split(/[/?#]/, 1)[0]!;
  return !/[:&\\\s]/.test(head) && ![...url].some((c) => c.charCodeAt(0) < 32);
}

/**
 * An image may only come from the page's own site: a relative path without a scheme, `//` host or
 * backslash. Loading `https://elsewhere/x.png?d=…` would send data out of the browser, and notebooks are
 * files people share; the Content-Security-Policy (`img-src 'self' data: blob:`) stops it too, but not
 * where a web server drops the policy header and the meta tag is stripped.
 */
export function isLocalImageUrl(src: string): boolean {
  const url = src.trim();
  return isSafeUrl(url) && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && !url.includes('\\');
}

/**
 * A sentence that tells the reader to use the page ("Dra över diagrammet …", "Klicka på en stapel …"):
 * true on screen, noise on paper, a slide or a projector. Matched on its first word.
 */
export const PAGE_INSTRUCTION = /^(?:dra|klicka|dubbelklicka|håll|peka|tryck|scrolla|rulla|markera)\s/i;

/** Class of a paragraph that opens with a page instruction; the print stylesheet leaves it off paper. */
export const PAGE_HINT_CLASS = 'page-hint';

// Raw HTML in a notebook is shown as text, never interpreted: a text cell is prose, not markup.
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    paragraph(token: Tokens.Paragraph): string {
      const hint = PAGE_INSTRUCTION.test(token.text.trimStart()) ? ` class="${PAGE_HINT_CLASS}"` : '';
      return `<p${hint}>${this.parser.parseInline(token.tokens)}</p>\n`;
    },
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    // After an inline <script> or <pre> tag marked treats the following text as raw and skips escaping it;
    // since those tags are shown as text here, that text must be escaped like any other.
    text(token: Tokens.Text | Tokens.Escape): string | false {
      if ('tokens' in token && token.tokens) return false;
      return 'escaped' in token && token.escaped ? escapeHtml(token.text) : false;
    },
    link(token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      if (!isSafeUrl(token.href)) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      const external = /^https?:/i.test(token.href) ? ' rel="noopener noreferrer"' : '';
      return `<a href="${escapeHtml(token.href)}"${title}${external}>${text}</a>`;
    },
    image(token: Tokens.Image): string {
      if (!isSafeUrl(token.href)) return escapeHtml(token.text);
      if (!isLocalImageUrl(token.href)) {
        // Said in the text, so an author sees why the picture is missing.
        return `${escapeHtml(token.text)} <em>(bild från annan webbplats visas inte)</em>`;
      }
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}"${title}>`;
    },
  },
});

/**
 * Renders a text cell's Markdown to HTML. Raw HTML comes out escaped and unsafe links as plain
 * text already here; `purify` (DOMPurify in the browser) is a second line of defence.
 */
export function renderMarkdown(markdown: string, purify?: Sanitizer): string {
  const html = marked.parse(markdown, { async: false });
  return purify ? purify.sanitize(html) : html;
}
