/**
 * Keeps ID-card numbers (GB 11643) and mobile phone numbers out of log lines. Pure string work,
 * used by the request log's serializers and by the last pass over every finished line.
 */

export const ID_NUMBER_MARK = "[id-number]";
export const PHONE_MARK = "[phone]";
export const REDACTED = "[redacted]";

/** Full-width digits, X, plus, hyphen and space (what Chinese IMEs type) folded to ASCII. */
function foldWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF38\uFF58\uFF0B\uFF0D\u3000]/g, (c) =>
    c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// One optional separator between digits, as people group numbers when they write them down.
const SEP = "[ \\-]?";
/** 18 characters (17 digits and a check character) or a first-generation 15-digit number. */
const ID_NUMBER = new RegExp(`(?<![0-9])(?:[0-9](?:${SEP}[0-9]){16}${SEP}[0-9Xx]|[0-9]{15})(?![0-9])`, "g");
/** Mainland mobile: 1[3-9] and 9 more digits, with an optional +86 / 0086 / 86 in front. */
const MOBILE = new RegExp(`(?<![0-9])(?:(?:\\+|00)?86${SEP})?1[3-9](?:${SEP}[0-9]){9}(?![0-9])`, "g");

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function maskPlain(text: string): string {
  return foldWidth(text).replace(ID_NUMBER, ID_NUMBER_MARK).replace(MOBILE, PHONE_MARK);
}

/**
 * The text with every ID number and mobile number replaced by a mark. Text that carries percent
 * escapes (a URL, a form body) is judged decoded too, so `%EF%BC%91…` hides nothing.
 */
export function maskIdentity(text: string): string {
  const masked = maskPlain(text);
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return masked;
  const decoded = safeDecode(text);
  const maskedDecoded = maskPlain(decoded);
  return maskedDecoded === foldWidth(decoded) ? masked : maskedDecoded;
}

export function hasIdentity(text: string): boolean {
  return maskIdentity(text) !== foldWidth(text);
}

/**
 * Parameter names whose values are personal whatever they look like: identity, names, addresses,
 * and the free-text `q` (people type names and numbers into a search box).
 */
const PERSONAL_KEY = /id.?(?:number|no|card)|phone|mobile|^tel|name|address|^q$/i;

export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEY.test(key);
}

/**
 * A request URL fit for the log: the path with identity masked, and each query parameter kept
 * by name, its value replaced when the name is personal or the value holds an ID or phone number.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  const path = maskIdentity(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  const pairs = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return maskIdentity(pair);
      const rawKey = pair.slice(0, eq);
      const key = safeDecode(rawKey);
      const rawValue = pair.slice(eq + 1);
      if (isPersonalKey(key) || hasIdentity(rawValue)) return `${maskIdentity(rawKey)}=${REDACTED}`;
      return `${maskIdentity(rawKey)}=${rawValue}`;
    });
  return `${path}?${pairs.join("&")}`;
}

/**
 * A copy of a logged value (a body, a query object) with personal fields replaced and identity
 * masked in every other string, object keys included.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskIdentity(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[maskIdentity(k)] =
      isPersonalKey(k) && v !== null && v !== undefined ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}
