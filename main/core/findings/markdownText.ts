import { visibleText } from './visibleText';

/**
 * Imported names, tags and descriptions are untrusted and end up in Markdown that tickets and pull
 * requests render: unescaped, `[approved](https://…)` in a group name becomes a live link, `![x](…)` a
 * remote image, `<b onmouseover=…>` raw HTML, a newline followed by `## …` a forged heading, and a bare
 * `https://…` or `www.…` a link of GFM's autolink extension. These keep such text inert, shown as
 * written (bidirectional and control characters as `<U+XXXX>`: `visibleText`).
 */

/**
 * A word GFM could link without brackets: `http://`, `https://`, `ftp://` or `www.` in it. Escaping
 * its `:` or `.` stops cmark-gfm's parser but not the linker GitHub runs on rendered text (files,
 * wikis), which sees the escapes resolved; nothing links inside a code span.
 */
const linkableWord = /(\S*(?::\/\/|www\.)\S*)/i;

const escapedMarkup = (text: string) => text.replace(/[\\`*[\]<>]/g, (c) => `\\${c}`);

/**
 * Plain text, line breaks made spaces, with what could make markup of it escaped: links and images
 * (`[`, `]`), HTML (`<`, `>`), code spans, emphasis by `*`, and a heading where the text starts a line.
 * `_` is left: within a word it emphasises nothing, and ids are full of it. A `|` matters in tables
 * only, where the cell escapes it, code spans included (GFM). A word GFM would make a link of is shown
 * as a code span: visible, and plainly not a link the report vouches for.
 */
export function markdownText(text: string): string {
  return visibleText(text)
    .split(linkableWord)
    .map((part, at) => {
      if (at % 2 === 0) return escapedMarkup(part);
      const [word, after] = withoutTrailingPunctuation(part);
      return markdownCode(word) + escapedMarkup(after);
    })
    .join('')
    .replace(/^#/, '\\#');
}

/**
 * A linkable word and the punctuation after it that the sentence around it owns, as GFM's autolink
 * extension tells them apart ("trailing punctuation … will not be considered part of the autolink";
 * a `)` only when it closes no `(` of the word), and quotes: `("… https://a.example/x")` keeps its
 * `")` out of the code span.
 */
function withoutTrailingPunctuation(word: string): [string, string] {
  const count = (text: string, c: string) => text.split(c).length - 1;
  let end = word.length;
  for (; end > 0; end--) {
    const kept = word.slice(0, end);
    const last = kept[kept.length - 1] as string;
    const closesNothing = (open: string, close: string) =>
      last === close && count(kept, close) > count(kept, open);
    if (!`?!.,:*_~"'`.includes(last) && !closesNothing('(', ')') && !closesNothing('[', ']')) break;
  }
  return [word.slice(0, end), word.slice(end)];
}

/** A code span that a backtick in the text cannot close early (CommonMark: a longer fence). */
export function markdownCode(text: string): string {
  const flat = visibleText(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}
