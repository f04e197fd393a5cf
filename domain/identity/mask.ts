/**
 * Display masks for personal data. The masked form is stored beside the encrypted value so lists
 * can show it without decrypting; each rule fixes how much may be shown, and odd input falls back
 * to showing less, never more.
 */
import { landlineAreaLength, validatePhone } from "./id-card.ts";

const stars = (n: number): string => "*".repeat(Math.max(0, n));

/**
 * First 4 and last 4 characters of an ID number ("4101**********1234"). Only numbers of a real
 * length (15 for first-generation cards, 18 now) are partly shown: on a short string the same
 * 8 characters would be most of the number.
 */
export function maskIdNumber(raw: string): string {
  const value = raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (value.length < 15) return stars(value.length);
  return value.slice(0, 4) + stars(value.length - 8) + value.slice(-4);
}

/**
 * Mobile: first 3 and last 4 ("138****5678"). Landline: area code and last 4 ("0371-****5678").
 * Anything that is not a valid number is masked whole, since we cannot tell which part is which.
 */
export function maskPhone(raw: string): string {
  const phone = validatePhone(raw);
  if (!phone.ok) return stars(raw.replace(/\s+/g, "").length);
  const digits = phone.value;
  if (phone.kind === "mobile") return digits.slice(0, 3) + stars(4) + digits.slice(-4);
  const area = landlineAreaLength(digits);
  return `${digits.slice(0, area)}-${stars(digits.length - area - 4)}${digits.slice(-4)}`;
}

/**
 * First character, then one star per remaining character ("张**"). Counted in code points so a
 * rare character outside the BMP (e.g. 𠮷) is never split into a half surrogate. A one-character
 * name is masked whole, otherwise "first character" would be the entire name.
 */
export function maskName(raw: string): string {
  const chars = Array.from(raw.trim());
  if (chars.length <= 1) return stars(chars.length);
  return chars[0] + stars(chars.length - 1);
}
