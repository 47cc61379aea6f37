/**
 * Which strings a YAML reader could take for something other than a string. Kubernetes tooling mixes
 * YAML 1.1 readers (PyYAML, older go-yaml, Helm) with YAML 1.2 ones, and a ConfigMap value `on` that
 * one of them reads as `true` breaks a deployment silently. So the rule is deliberately generous:
 * quoting a string that did not need it is harmless, leaving one plain that did is a bug.
 */

/** YAML 1.1 booleans and nulls (`y`, `no`, `ON`, `~`, ...), compared case-insensitively on purpose. */
const words = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~']);

/**
 * Number-like: every 1.1 and 1.2 int/float form — decimal, octal (`0777`, `0o17`), hex, binary,
 * underscores (`1_000`), exponents (`1e3`), sexagesimal (`1:20`), `.inf`/`.nan` — and anything close to
 * them. Starts with a sign, digit or dot-digit, and uses only number characters.
 */
const numberLike = /^[-+]?(?:[0-9]|\.[0-9])[0-9a-fA-FxXoObB_.:eE+-]*$/;
const specialFloat = /^[-+]?\.(?:inf|nan)$/i;
/** YAML 1.1 float regexes match digit-less forms too: `.`, `+._`, `E0`, `.e5` read as floats. */
const yaml11Float = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9._]*(?:[eE][-+][0-9]+)?$/;
const yaml11FloatExp = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;

/** YAML 1.1 timestamps: `2024-01-01`, `2024-1-1T10:00:00Z`, `2024-01-01 10:00:00`. */
const timestampLike = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt\s])/;

/** True when a YAML 1.1 or 1.2 reader might resolve the plain scalar to a non-string. */
export function isAmbiguousScalar(value: string): boolean {
  if (value === '' || value === '<<' || value === '=') return true;
  if (words.has(value.toLowerCase())) return true;
  return numberLike.test(value) || specialFloat.test(value) || yaml11Float.test(value) || yaml11FloatExp.test(value) || timestampLike.test(value);
}
