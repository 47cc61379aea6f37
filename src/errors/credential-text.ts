/**
 * Credentials inside text: keys that name one (`DB_PASSWORD`, `sasl.password`), URLs with a password,
 * `key=value` pairs inside strings, and masking them for anything printed. Shared by the RG327 rule
 * (validate/rules/secret-literals.ts), the zod messages of resolve and the CLI's code frames; what counts
 * as a credential is described in the rule's module comment.
 */

const secretEndings = ['password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'apikey', 'accesskey', 'secretkey', 'privatekey'];

/** The words of a key: `dbPassword`, `DB_PASSWORD`, `db-password`, `sasl.password` → [..., 'password']. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** Fields of the model that hold the NAME of a Secret (or of a key in one), not a credential. */
const secretNameFields = new Set(['existingsecret', 'clientcasecret', 'passwordsecretkey']);

/** True for keys whose value is a credential (see the module comment); `password_file` is not. */
export function looksLikeCredentialKey(key: string): boolean {
  const words = wordsOf(key);
  if (secretNameFields.has(words.join(''))) return false;
  const last = words[words.length - 1];
  if (last === undefined) return false;
  const singular = last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : last;
  const lastTwo = `${words[words.length - 2] ?? ''}${last}`;
  return secretEndings.some((ending) => singular.endsWith(ending) || last.endsWith(ending) || lastTwo === ending);
}

/** Placeholders and masks are not credentials: they name or hide one. */
function isPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  return !/[A-Za-z0-9]/.test(trimmed) || /^(\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\})$/.test(trimmed);
}

export function isCredentialValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isCredentialValue);
  return (typeof value === 'string' && value !== '' && !isPlaceholder(value)) || (typeof value === 'number' && Number.isFinite(value));
}

const urlPassword = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/@:]*):([^\s/@]+)@/gi;
/**
 * `key=value`, `key: value`, `"key": "value"` inside a text. The value is matched in a lookahead, so
 * scanning goes on inside it: `jdbc:postgresql://db/x?password=…` finds `jdbc`, then `postgresql`,
 * then `password`.
 */
const assignment = /(["']?)([A-Za-z_][\w.-]*)\1(\s*[=:]\s*)(?=("[^"]*"|'[^']*'|`[^`]*`|[^\s&;,"'`}]+))/g;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where the values of credential settings are in `text`. */
function credentialSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(assignment)) {
    const value = match[4] ?? '';
    if (!looksLikeCredentialKey(match[2] ?? '') || !isCredentialValue(unquote(value))) continue;
    const start = (match.index ?? 0) + match[0].length;
    spans.push({ start, end: start + value.length });
  }
  return spans;
}

function unquote(text: string): string {
  return /^(["'`]).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/** What kind of credential a string carries inside it, if any. */
export function embeddedCredential(text: string): 'url' | 'assignment' | undefined {
  for (const match of text.matchAll(urlPassword)) if (!isPlaceholder(match[2] ?? '')) return 'url';
  return credentialSpans(text).length > 0 ? 'assignment' : undefined;
}

/** `text` with the password of every URL in it replaced by `***` (`https://user:***@host`). */
export function redactUrlPasswords(text: string): string {
  return text.replace(urlPassword, (_all, head: string) => `${head}:***@`);
}

/**
 * `text` with every credential it shows replaced by `***`: the password of a URL, and the value of a
 * `key: value`, `key = value` or `"key": "value"` whose key looks like a credential. For printing
 * source lines and values; the text is otherwise unchanged.
 */
export function redactCredentials(text: string): string {
  const urlsMasked = redactUrlPasswords(text);
  let out = '';
  let from = 0;
  for (const { start, end } of credentialSpans(urlsMasked)) {
    if (start < from) continue;
    const value = urlsMasked.slice(start, end);
    const quote = /^["'`]/.test(value) ? (value[0] ?? '') : '';
    out += `${urlsMasked.slice(from, start)}${quote}***${quote}`;
    from = end;
  }
  return out + urlsMasked.slice(from);
}
