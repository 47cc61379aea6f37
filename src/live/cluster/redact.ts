/**
 * Keeps credentials out of every message. Known secrets (tokens, passwords, key data from the
 * kubeconfig or a credential plugin) are replaced wherever they appear, and so is anything shaped like
 * a bearer token or a JWT, because a plugin's stderr or a proxy's error page may echo one we never saw.
 */
export interface Redactor {
  /** Remembers a secret value; short values are ignored (they would mask ordinary words). */
  add(secret: string | undefined): void;
  redact(text: string): string;
}

const minimumSecretLength = 4;
const patterns: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted]'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted private key]'],
  [/("?\b(?:token|password|client-key-data|clientKeyData|id-token|refresh-token|access-token|client-secret)"?\s*[:=]\s*)(?:"[^"]*"|[^\s,}]+)/gi, '$1[redacted]'],
];

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  return {
    add(secret) {
      const value = secret?.trim();
      if (value !== undefined && value.length >= minimumSecretLength) secrets.add(value);
    },
    redact(text) {
      // Longest first, so a secret that contains another is replaced whole.
      let out = [...secrets].sort((a, b) => b.length - a.length).reduce((acc, s) => acc.split(s).join('[redacted]'), text);
      for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
      return out;
    },
  };
}
