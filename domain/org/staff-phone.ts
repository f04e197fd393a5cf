/**
 * A staff member's phone as the users import and the user screen take it: a mainland mobile
 * number (1[3-9] and 9 digits; +86 / 86 in front is dropped) or a landline with its area code
 * (0 and 2–3 digits, then 7–8 digits, an extension after it). Spaces, hyphens, brackets and
 * full-width digits are accepted; the stored form is `13800138000` or `0571-88886666[-123]`.
 */
export type StaffPhoneResult = { ok: true; phone: string } | { ok: false; zh: string; en: string };

const FULL_WIDTH = /[０-９（）－＋]/g;

export function normaliseStaffPhone(input: string): StaffPhoneResult {
  const text = input.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const compact = text.replace(/[\s-]/g, "");
  const mobile = /^(?:\+?86)?(1[3-9][0-9]{9})$/.exec(compact);
  if (mobile) return { ok: true, phone: mobile[1]! };
  const land = /^\(?(0[0-9]{2,3})\)?[\s-]*([0-9]{7,8})(?:\s*(?:-|转|ext\.?|x)\s*([0-9]{1,6}))?$/i.exec(text);
  if (land) return { ok: true, phone: `${land[1]}-${land[2]}${land[3] ? `-${land[3]}` : ""}` };
  return {
    ok: false,
    zh: `电话「${input.trim()}」无法识别：手机号为1开头的11位数字（第二位3–9），座机须带区号（如0571-88886666）`,
    en: `the phone "${input.trim()}" is not valid: a mobile number has 11 digits starting 13–19, a landline needs its area code (e.g. 0571-88886666)`,
  };
}
