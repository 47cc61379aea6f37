import type { CodeInfo } from '../code-info.js';
import { guideFacts } from '../../facts/guide-facts.js';

/**
 * RG4xx: places where the Rivven deployment guide names something the real Rivven 0.0.22 lacks.
 * The model accepts the guide's words; these codes say what is rendered instead, or why it is refused.
 * Titles and hints live in the fact table with their upstream citations.
 */
export const guideCodes = {
  RG401: pick('RG401'),
  RG402: pick('RG402'),
  RG403: pick('RG403'),
  RG404: pick('RG404'),
  RG405: pick('RG405'),
  RG406: pick('RG406'),
  RG407: pick('RG407'),
  RG408: pick('RG408'),
  RG409: pick('RG409'),
  RG410: pick('RG410'),
  RG411: pick('RG411'),
  RG412: pick('RG412'),
  RG413: pick('RG413'),
} satisfies Record<string, CodeInfo>;

function pick(code: keyof typeof guideFacts): CodeInfo {
  const { title, hint } = guideFacts[code];
  return { title, hint };
}
