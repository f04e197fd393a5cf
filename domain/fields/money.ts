/**
 * Money as integer fen (分), never a float: amounts are typed in yuan with at most two decimals,
 * read digit by digit as a string into a bigint, summed in SQL as bigint, and formatted back from
 * the integer with integer arithmetic only.
 */

/** The largest amount one value or payment may hold: 1 trillion yuan (in fen), far beyond any case. */
export const MAX_FEN = 100_000_000_000_000n;

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Fen of a yuan amount written as text ("1234.5", "0.10", "12,000.00"), or null if it is not one:
 * no sign, no exponent, at most two decimals, thousands separators only as commas between groups.
 */
export function parseYuan(input: string): bigint | null {
  const s = input.trim().replace(/，/g, ",");
  if (s.includes(",") && !/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s)) return null;
  const m = YUAN.exec(s.replace(/,/g, ""));
  if (!m) return null;
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  return fen > MAX_FEN ? null : fen;
}

/** "1234.56" from 123456 fen (a bigint, a safe integer or a string of digits from SQL). */
export function formatFen(fen: bigint | number | string): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
}

/** "1,234.56" — the same with thousands separators, for tables. */
export function formatFenGrouped(fen: bigint | number | string): string {
  const [int, dec] = formatFen(fen).split(".");
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${dec}`;
}

/**
 * 万元 with two decimals from fen, rounded half up on the exact integer (1 万元 = 1,000,000 fen):
 * 16,004,999 yuan 99 fen → "1600.50".
 */
export function formatFenAsWan(fen: bigint | number | string): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const a = neg ? -v : v;
  // Hundredths of 万元 are 10,000 fen: round to them, half up.
  const hundredths = (a + 5_000n) / 10_000n;
  return `${neg ? "-" : ""}${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`;
}
