/** Unified diffs of objects as YAML, written by the same writer as out/ so the text matches the files. */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { toYaml } from '../kustomize/yaml-writer.js';

export function objectYaml(value: unknown): string {
  return value === undefined ? '' : toYaml(value);
}

/** `--- <from>` / `+++ <to>` and hunks with 3 lines of context; empty when the texts are equal. */
export function unifiedDiff(fromLabel: string, toLabel: string, before: unknown, after: unknown): string {
  const a = objectYaml(before);
  const b = objectYaml(after);
  if (a === b) return '';
  return createTwoFilesPatch(fromLabel, toLabel, a, b, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}
