/**
 * GB/T 2260 county codes: two digits of the province, two of the prefecture (90 for the counties a
 * province governs directly), two of the county. The province must exist and neither of the
 * lower parts may be 00 (that would be a province or a prefecture, not a county).
 */
const PROVINCES = new Set([
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
]);

/** Why `code` is not a county's GB/T 2260 code, in both languages; null when it is one. */
export function countyCodeProblem(code: string): { zh: string; en: string } | null {
  if (!/^[0-9]{6}$/.test(code))
    return { zh: "县级行政区划代码应为6位数字", en: "a county's region code has 6 digits" };
  if (!PROVINCES.has(code.slice(0, 2)))
    return {
      zh: `行政区划代码前两位 ${code.slice(0, 2)} 不是省级代码`,
      en: `${code.slice(0, 2)} is not a province's code`,
    };
  if (code.slice(2, 4) === "00" || code.slice(4) === "00")
    return {
      zh: "这是省级或地市级代码，不是县级代码（第3–4位和第5–6位都不能是00）",
      en: "that is a province's or a prefecture's code, not a county's (neither digits 3–4 nor 5–6 may be 00)",
    };
  return null;
}
