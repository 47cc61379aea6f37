/**
 * Findings from the catalog. Each stage owns a range of codes in its own file under `codes/`
 * (joined in `codes/index.ts`); `finding()` accepts only those codes, so a typo or an uncatalogued code
 * fails the type check instead of reaching a user.
 */
import type { CodeInfo } from './code-info.js';
import { catalog, type Code } from './codes/index.js';
import type { Finding, RelatedLocation, Severity, SourceLocation } from './diagnostic.js';

export { catalog, codeInfo, isCode } from './codes/index.js';
export type { Code } from './codes/index.js';
export type { CodeInfo } from './code-info.js';

/** The values a code's catalogued message needs (`never` for a code that words its message where raised). */
export type MessageParams<C extends Code> = (typeof catalog)[C] extends { readonly message: (params: infer P) => string } ? P : never;

/** The codes whose message is worded in the catalog. */
export type TemplatedCode = { [C in Code]: [MessageParams<C>] extends [never] ? never : C }[Code];

interface FindingFields {
  readonly severity?: Severity;
  readonly path: string;
  readonly hint?: string;
  readonly loc?: SourceLocation;
  readonly related?: readonly RelatedLocation[];
}

/** A catalogued message takes its values (`params`); any other code is given its `message`. */
export type FindingInput<C extends Code = Code> = FindingFields &
  ([MessageParams<C>] extends [never] ? { readonly message: string } : { readonly params: MessageParams<C> });

/** The catalogued message of `code` worded with `params`. */
export function formatMessage<C extends TemplatedCode>(code: C, params: MessageParams<C>): string {
  return wordMessage(catalog[code], params);
}

/** Builds a finding for a catalogued code; the catalog's hint is used unless one is given. */
export function finding<C extends Code>(code: C, input: FindingInput<C>): Finding {
  const info: CodeInfo = catalog[code];
  const message = 'params' in input ? wordMessage(info, input.params) : input.message;
  const hint = input.hint ?? info.hint;
  return {
    code,
    severity: input.severity ?? 'error',
    path: input.path,
    message,
    hint,
    ...(input.loc === undefined ? {} : { loc: input.loc }),
    ...(input.related === undefined || input.related.length === 0 ? {} : { related: input.related }),
  };
}

function wordMessage(info: CodeInfo, params: unknown): string {
  // The params were checked against this code's template by the caller's types.
  const template = info.message as ((values: unknown) => string) | undefined;
  if (template === undefined) throw new Error('internal error: a catalogued message was asked of a code without one');
  return template(params);
}
