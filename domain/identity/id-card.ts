/**
 * Identity numbers as petitioners type them: resident ID cards (GB 11643-1999) and phone numbers.
 * Everything here is pure so the same normalisation feeds validation, blind indexes and masking;
 * a blind index only matches if insert and search normalise identically.
 */

export type IdNumberResult =
  | {
      ok: true;
      /** Normalised: 18 characters, check character upper-case. */
      value: string;
      /** ISO date, YYYY-MM-DD, so it drops straight into a date column. */
      birthDate: string;
      regionCode: string;
      sex: "male" | "female";
    }
  | { ok: false; reason: "length" | "format" | "birth_date" | "check_digit" };

export type PhoneResult =
  | { ok: true; value: string; kind: "mobile" | "landline" }
  | { ok: false; reason: "empty" | "format" };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";
const EARLIEST_BIRTH = "19000101";

/** GB 11643-1999 check character for the first 17 digits. */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one; Date.UTC handles leap years for us.
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** Today as YYYYMMDD in China time: a baby born just after midnight in Beijing is not "in the future". */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");
}

/**
 * Full-width digits (１２３) and letters come from Chinese IMEs; NFKC folds them to ASCII. Spaces are
 * dropped because people group the digits when they write them down.
 */
function compact(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, "");
}

/** Validates an 18-character resident ID number; `now` is only a parameter so tests can pin the clock. */
export function validateIdNumber(raw: string, now: Date = new Date()): IdNumberResult {
  const value = compact(raw).toUpperCase();
  if (value.length !== 18) return { ok: false, reason: "length" };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: "format" };
  const birth = value.slice(6, 14);
  if (!isRealDate(birth) || birth < EARLIEST_BIRTH || birth > chinaToday(now)) {
    return { ok: false, reason: "birth_date" };
  }
  if (checkChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: "check_digit" };
  return {
    ok: true,
    value,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    regionCode: value.slice(0, 6),
    // The 17th digit is the sequence's last digit: odd for men, even for women.
    sex: Number(value[16]) % 2 === 1 ? "male" : "female",
  };
}

/**
 * Builds an ID number with a correct check character. The date is deliberately not checked for
 * being real, so tests can build numbers whose only fault is the date.
 */
export function generateIdNumber(regionCode6: string, birthDate: string, seq3: string): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new RangeError("regionCode6 must be 6 digits");
  if (!/^\d{8}$/.test(birthDate)) throw new RangeError("birthDate must be YYYYMMDD");
  if (!/^\d{3}$/.test(seq3)) throw new RangeError("seq3 must be 3 digits");
  const first17 = regionCode6 + birthDate + seq3;
  return first17 + checkChar(first17);
}

/**
 * Length of a landline's area code including the trunk 0, decided by the digits alone: 010 and
 * 020–029 are the only 3-digit codes, every other code is 4 digits. Knowing the split lets masking
 * show exactly the area code even after the hyphen has been normalised away.
 */
export function landlineAreaLength(digits: string): 3 | 4 {
  return /^0[12]/.test(digits) ? 3 : 4;
}

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Mainland mobile (1[3-9] + 9 digits) or landline (area code + 7–8 digit subscriber number).
 * Returns digits only. A +86 / 0086 country prefix is accepted because people copy numbers from
 * contact cards; a landline written internationally usually drops its trunk 0, so it is put back.
 */
export function validatePhone(raw: string): PhoneResult {
  let digits = raw.normalize("NFKC").replace(/[\s\-()]/g, "");
  if (digits.length === 0) return { ok: false, reason: "empty" };
  let international = false;
  for (const prefix of ["+86", "0086"]) {
    if (digits.startsWith(prefix)) {
      digits = digits.slice(prefix.length);
      international = true;
      break;
    }
  }
  if (MOBILE.test(digits)) return { ok: true, value: digits, kind: "mobile" };
  if (international && !digits.startsWith("0")) digits = `0${digits}`;
  if (/^0\d{9,11}$/.test(digits)) {
    const subscriber = digits.length - landlineAreaLength(digits);
    if (subscriber === 7 || subscriber === 8) return { ok: true, value: digits, kind: "landline" };
  }
  return { ok: false, reason: "format" };
}
