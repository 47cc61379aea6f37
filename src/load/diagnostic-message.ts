/**
 * Turns a TypeScript diagnostic message into one readable line. A plain message is kept word for word
 * (it is what the editor shows); an elaboration chain ("Argument of type … is not assignable …" →
 * "Call signature return types … are incompatible" → "Type 'string' is not assignable to type 'number'")
 * is reduced to its most specific line, prefixed with the config path the chain walked through, because
 * the outer lines mostly print the whole config type.
 */
import type ts from 'typescript';
import { formatPath, parseDisplayPath } from '../core/path.js';
import type { PathSegment } from '../core/path.js';

export interface DiagnosticMessage {
  readonly text: string;
  /** Config path named by the chain's steps (`cluster`, `replicas`), empty for a plain message. */
  readonly path: readonly PathSegment[];
}

const pathSteps = new Set([
  2200, // The types of '{0}' are incompatible between these types.   ({0} is dotted: 'cluster.replicas')
  2326, // Types of property '{0}' are incompatible.
  2530, // Property '{0}' is incompatible with index signature.
]);

export function formatDiagnosticMessage(message: string | ts.DiagnosticMessageChain): DiagnosticMessage {
  if (typeof message === 'string') return { text: message, path: [] };
  if (message.next === undefined || message.next.length === 0) return { text: message.messageText, path: [] };
  const trail = deepestTrail(message);
  const leaf = trail[trail.length - 1] ?? message;
  const path = trail.flatMap((link) => pathSegments(link));
  return { text: path.length === 0 ? leaf.messageText : `${formatPath(path)}: ${leaf.messageText}`, path };
}

/** The chain from the root to its deepest link; on ties the first, so the result is stable. */
function deepestTrail(chain: ts.DiagnosticMessageChain): ts.DiagnosticMessageChain[] {
  let best: ts.DiagnosticMessageChain[] = [chain];
  for (const next of chain.next ?? []) {
    const candidate = [chain, ...deepestTrail(next)];
    if (candidate.length > best.length) best = candidate;
  }
  return best;
}

function pathSegments(link: ts.DiagnosticMessageChain): PathSegment[] {
  if (!pathSteps.has(link.code)) return [];
  // Greedy: a quoted name keeps its own quotes (Property ''orders-events'' is incompatible …).
  const quoted = /'(.*)'/.exec(link.messageText)?.[1];
  if (quoted === undefined) return [];
  const unquoted = /^(['"])(.*)\1$/.exec(quoted);
  if (unquoted?.[2] !== undefined) return [unquoted[2]];
  return link.code === 2200 ? parseDisplayPath(quoted) : [quoted];
}
