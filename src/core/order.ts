/**
 * Text order for everything rivven-gitops sorts that a user sees (findings, objects, files): plain
 * UTF-16 code-unit order. `localeCompare` follows the machine's locale and ICU data, so two machines
 * could print the same findings in different orders; it also costs a collator set-up per process.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
