import { visibleText } from './visibleText';

/**
 * Imported names, tags and descriptions are untrusted and end up in Markdown that tickets and pull
 * requests render: unescaped, `[approved](https://…)` in a group name becomes a live link, `![x](…)` a
 * remote image, `<b onmouseover=…>` raw HTML, and a newline followed by `## …` a forged heading.
 * These keep such text inert, shown as written (bidirectional and control characters as `<U+XXXX>`:
 * `visibleText`).
 */

/**
 * Plain text, line breaks made spaces, with what could make markup of it escaped: links and images
 * (`[`, `]`), HTML (`<`, `>`), code spans, emphasis by `*`, and a heading where the text starts a line.
 * `_` is left: within a word it emphasises nothing, and ids are full of it. A `|` matters in tables
 * only, where the cell escapes it, code spans included (GFM).
 */
export function markdownText(text: string): string {
  return visibleText(text)
    .replace(/[\\`*[\]<>]/g, (c) => `\\${c}`)
    .replace(/^#/, '\\#');
}

/** A code span that a backtick in the text cannot close early (CommonMark: a longer fence). */
export function markdownCode(text: string): string {
  const flat = visibleText(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}
