/**
 * Markdown prose as plain text blocks for slides and the report model: headings, paragraphs, list
 * items and speaker notes. Slides and spreadsheets take text, not HTML, so inline marks are dropped.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { PAGE_INSTRUCTION } from '../notebooks/markdown.ts';

/** Info word of a fenced block whose text is a speaker note (docs/notebooks.md "Rapporter"). */
export const NOTES_FENCE = 'notes';

/** One block of prose. `depth` is set for headings (1–6). */
export type TextBlock =
  | { readonly kind: 'heading'; readonly depth: number; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'notes'; readonly text: string };

/** Plain text of inline tokens: emphasis, code and links keep their words, marks go. */
function inline(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens || tokens.length === 0) return fallback;
  return tokens
    .map((t) => {
      const withKids = t as Token & { tokens?: Token[]; text?: string };
      if (t.type === 'br') return ' ';
      if (withKids.tokens && withKids.tokens.length) return inline(withKids.tokens, withKids.text ?? '');
      return withKids.text ?? withKids.raw;
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits Markdown into text blocks; a ```notes block is a speaker note, other code blocks are kept as paragraphs. */
export function markdownBlocks(markdown: string): TextBlock[] {
  const out: TextBlock[] = [];
  for (const token of Lexer.lex(markdown)) {
    switch (token.type) {
      case 'heading':
        out.push({ kind: 'heading', depth: (token as Tokens.Heading).depth, text: inline(token.tokens, token.text) });
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', text: inline(token.tokens, token.text) });
        break;
      case 'list':
        out.push({ kind: 'list', items: (token as Tokens.List).items.map((i) => inline(i.tokens, i.text)) });
        break;
      case 'blockquote':
        for (const inner of markdownBlocks((token as Tokens.Blockquote).text)) out.push(inner);
        break;
      case 'code': {
        const code = token as Tokens.Code;
        const info = (code.lang ?? '').trim().split(/\s+/)[0];
        out.push(info === NOTES_FENCE ? { kind: 'notes', text: code.text.replace(/\s+/g, ' ').trim() } : { kind: 'paragraph', text: code.text });
        break;
      }
      default:
        break;
    }
  }
  return out.filter((b) => (b.kind === 'list' ? b.items.length > 0 : b.text !== ''));
}

/** The sentences of a paragraph (split after ., ! or ? followed by a space and a capital). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ])/u);
}

/**
 * Text blocks without the page's instructions, for exports and presentation: a paragraph that opens
 * with one is about using the page and goes whole; elsewhere only the instruction sentences go.
 */
export function withoutPageInstructions(blocks: readonly TextBlock[]): TextBlock[] {
  const out: TextBlock[] = [];
  for (const b of blocks) {
    if (b.kind !== 'paragraph') {
      out.push(b);
      continue;
    }
    const parts = sentences(b.text);
    if (PAGE_INSTRUCTION.test(parts[0] ?? '')) continue;
    const kept = parts.filter((s) => !PAGE_INSTRUCTION.test(s)).join(' ');
    if (kept) out.push({ kind: 'paragraph', text: kept });
  }
  return out;
}
