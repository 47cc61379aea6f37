/**
 * Structural checks of rendered comment Markdown: fences open and close in pairs, `<details>` balance,
 * byte sizes. Written independently of the renderer, so a renderer bug cannot hide in a shared helper.
 */

export interface FenceReport {
  /** Fenced blocks that were opened and closed. */
  readonly closed: number;
  /** Line number of a fence left open at the end, if any. */
  readonly openAt?: number;
  /** `<details>` minus `</details>` outside code blocks. */
  readonly detailsBalance: number;
  /** Contents of each fenced block, in order. */
  readonly blocks: readonly string[];
}

export function checkFences(markdown: string): FenceReport {
  let open: { fence: string; line: number; content: string[] } | undefined;
  let closed = 0;
  let details = 0;
  const blocks: string[] = [];
  const lines = markdown.split('\n');
  for (const [i, line] of lines.entries()) {
    if (open === undefined) {
      const m = /^(`{3,}|~{3,})/.exec(line);
      if (m) open = { fence: m[1] ?? '', line: i + 1, content: [] };
      else details += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
      continue;
    }
    const fenceChar = open.fence[0] ?? '`';
    const close = new RegExp(`^${fenceChar === '`' ? '`' : '~'}{${open.fence.length},}\\s*$`);
    if (close.test(line)) {
      closed++;
      blocks.push(open.content.join('\n'));
      open = undefined;
    } else open.content.push(line);
  }
  return { closed, detailsBalance: details, blocks, ...(open === undefined ? {} : { openAt: open.line }) };
}

export function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** True when the text is intact UTF-8 text: encoding and decoding it changes nothing, no U+FFFD in it. */
export function roundTrips(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text && !text.includes('\uFFFD');
}
