/**
 * Escaping for the Markdown PR comment. Names and messages come from user config and from clusters, so
 * they may hold `<`, `|`, backticks or asterisks: escaped, they can neither inject HTML, break a table
 * row nor start emphasis. Code blocks and spans get a backtick run longer than any inside them
 * (CommonMark: a fence closes only on a run at least as long as the one that opened it).
 */

// `@` and `#` as entities: GitHub turns `@name` into a mention (a notification) and `#12` into a link.
const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '@': '&#64;', '#': '&#35;' };

/** One line: comments are rendered line by line, so a newline inside a name or message must not split a block. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}

/** Text inside HTML (`<summary>…</summary>`): GitHub does not render Markdown there, only entities. */
export function escapeHtml(text: string): string {
  return oneLine(text).replace(/[&<>"'@#]/g, (c) => htmlEntities[c] ?? c);
}

/**
 * Inline Markdown text (list items, headings, table cells): backslash-escapes the characters that can
 * start Markdown syntax here (emphasis, code, links, tables, strikethrough) and writes `<`, `>`, `&`,
 * `@`, `#` as entities (a backslash does not stop an HTML tag or a mention in every renderer).
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]|~]|[&<>@#]/g, (c) => htmlEntities[c] ?? `\\${c}`);
}

/**
 * Prose of our own (catalog messages and hints) that marks code with backticks: balanced code spans
 * stay code spans (their content is literal, so safe whatever it holds), everything else is escaped.
 */
export function escapeProse(text: string): string {
  const line = oneLine(text);
  let out = '';
  let last = 0;
  for (const m of line.matchAll(/`[^`]+`/g)) {
    out += escapeMarkdown(line.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeMarkdown(line.slice(last));
}

/** Longest run of backticks in the text. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

/** An inline code span that survives backticks inside (padded with spaces, as CommonMark strips one). */
export function codeSpan(text: string): string {
  const content = oneLine(text);
  const ticks = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${content}${pad}${ticks}`;
}

/** `<code>` for HTML contexts. */
export function htmlCode(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

/** The opening and closing fence for a code block holding `content`. */
export function fenceFor(content: string): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
}

/** A fenced code block; `content` is used verbatim (it is code, nothing in it is interpreted). */
export function fencedBlock(info: string, content: string): string {
  const fence = fenceFor(content);
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${fence}${info}\n${body}${fence}`;
}
