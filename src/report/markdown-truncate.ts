/**
 * The last line of defence for the comment size: cuts Markdown at a line boundary (so never inside a
 * UTF-8 character) that lies outside any fenced code block, closes `<details>` left open and says that
 * the rest was cut. The packer avoids needing it; it runs only when even the condensed essentials of
 * every environment do not fit (hundreds of environments, or a tiny limit).
 */
import { byteLength } from './markdown-blocks.js';

const fenceLine = /^(`{3,})(.*)$/;

/** Cuts `text` to at most `maxBytes` UTF-8 bytes, ending with `notice`; unchanged when it already fits. */
export function truncateMarkdown(text: string, maxBytes: number, notice: string): string {
  if (byteLength(text) <= maxBytes) return text;
  const lines = text.split('\n');
  let fence: string | undefined;
  let openDetails = 0;
  let used = 0;
  /** Where a cut is allowed: after line `index`, with that many `<details>` open. */
  let cut = { index: -1, openDetails: 0 };
  /** The last allowed cut at the end of a block (before a blank line): preferred, so no block is torn. */
  let blockCut: typeof cut | undefined;
  const closing = (open: number) => `${'\n</details>'.repeat(open)}\n\n${notice}\n`;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    used += byteLength(line) + 1;
    const m = fenceLine.exec(line);
    if (fence === undefined && m) fence = m[1];
    else if (fence !== undefined && m && (m[1] ?? '').length >= fence.length && (m[2] ?? '').trim() === '') fence = undefined;
    else if (fence === undefined) {
      openDetails += (line.match(/<details>/g) ?? []).length;
      openDetails -= (line.match(/<\/details>/g) ?? []).length;
    }
    if (used + byteLength(closing(Math.max(0, openDetails))) > maxBytes) break;
    if (fence === undefined) {
      cut = { index: i, openDetails: Math.max(0, openDetails) };
      if ((lines[i + 1] ?? '') === '') blockCut = cut;
    }
  }
  const at = blockCut ?? cut;
  const kept = lines.slice(0, at.index + 1).join('\n');
  return `${kept}${closing(at.openDetails)}`;
}
