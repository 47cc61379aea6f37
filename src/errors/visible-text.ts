/**
 * Paths and names in messages with their invisible characters made visible. A file named `prod\u200B.ts`
 * prints as `prod.ts` in a terminal, so the user would look for a problem in a name that seems fine.
 */

// Controls, format characters (zero-width, bidi overrides, BOM), separators other than the space,
// private use, unassigned and lone surrogates, and the characters fonts draw as nothing (fillers,
// variation selectors, the combining grapheme joiner).
const invisible = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u034F\u115F\u1160\u17B4\u17B5\u180E\u3164\uFE00-\uFE0F\uFFA0]/gu;

/** `prod\u200B.ts` → the text `prod\u200B.ts` with the escape spelled out; visible text is unchanged. */
export function visibleText(text: string): string {
  return text.replace(invisible, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Whether `text` holds a character that `visibleText` escapes. */
export function hasInvisible(text: string): boolean {
  invisible.lastIndex = 0;
  const found = invisible.test(text);
  invisible.lastIndex = 0;
  return found;
}
