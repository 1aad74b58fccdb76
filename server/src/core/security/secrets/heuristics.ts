/**
 * The code half of secret detection: masking, Shannon entropy and the
 * allow-list that keeps placeholders, templated values, hashes and
 * integrity strings out of the results (the main source of noise in
 * generic secret rules: gitleaks #1219, detect-secrets #693).
 */

/**
 * Masks a secret for messages, hovers and logs: the first and last four
 * characters of long values (`AKIA…XYZW`), two of medium ones, none of
 * short ones. Never returns more than eight characters of the value.
 */
export function maskSecret(value: string): string {
  const v = value.trim();
  if (v.length >= 16) return `${v.slice(0, 4)}…${v.slice(-4)}`;
  if (v.length >= 10) return `${v.slice(0, 2)}…${v.slice(-2)}`;
  return '****';
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Words that mark a value as a placeholder or documentation example. */
const PLACEHOLDER_WORDS = /example|placeholder|dummy|sample|changeme|change[_-]me|your[_-]?|xxxx|redacted|insert|replace|todo|fixme|<[^>]*>|\*\*\*|\.\.\./i;
/** Templated or indirect values: `${VAR}`, `{{ var }}`, `%s`, `$VAR`, `%(name)s`, env lookups. */
const TEMPLATED = /^\$|^%|\$\{|\{\{|%s|%\(|\{[a-z_]*\}|process\.env|os\.environ|getenv/i;
/** Letters and separators only: identifiers and words (`password_field`, `authHeader`), not secrets. */
const WORDISH = /^[a-z]+(?:[_.\s-][a-z]+)*$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Context words on the line that mean a hex/base64 string is a digest, not a credential. */
const DIGEST_CONTEXT = /integrity|checksum|digest|sha1|sha256|sha384|sha512|md5|hash|etag|fingerprint|commit/i;
const HEX_OR_SRI = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}|sha(?:256|384|512)-[A-Za-z0-9+/=]+)$/i;

function isSequential(v: string): boolean {
  if (/^(.)\1+$/.test(v)) return true;
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const lower = v.toLowerCase();
  return lower.length >= 6 && (alphabet.includes(lower) || [...alphabet].reverse().join('').includes(lower));
}

/**
 * True when a candidate secret should be ignored: placeholders, templated
 * values, words, UUIDs, sequences, and digests / SRI integrity strings.
 * `line` is the text of the line the value is on, for context words.
 */
export function isAllowListed(value: string, line: string): boolean {
  if (PLACEHOLDER_WORDS.test(value) || TEMPLATED.test(value)) return true;
  if (WORDISH.test(value) || UUID.test(value) || isSequential(value)) return true;
  // URL paths such as `/resetpassword/v1.0/start` are routes, not credentials.
  if (/^\/[\w.~-]+\//.test(value)) return true;
  if (/^(?:test|fake|mock|none|null|undefined|true|false)/i.test(value)) return true;
  // Identifier-like values that spell their own kind are names, not secrets: `"FlowPasswordRequiredResultV2"`, `"token_sha256_to_refresh"`.
  if (/^[A-Za-z0-9_.-]+$/.test(value) && /pass(?:word|wd)|secret|token|api_?key|credential/i.test(value)) return true;
  if (HEX_OR_SRI.test(value) && DIGEST_CONTEXT.test(line)) return true;
  if (/pragma: allowlist secret|gitleaks:allow/.test(line)) return true;
  return false;
}
