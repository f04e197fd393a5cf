import { hasIdentity, ID_NUMBER_MARK, maskIdentity, PHONE_MARK } from "../logging/redact.ts";

/** Whether a text holds something shaped like an ID number or a mobile number. */
export function hasPersonalNumber(text: string): boolean {
  return hasIdentity(text);
}

export interface PersonTraces {
  names: string[];
  addresses: string[];
}

const NAME_MARK = "×××";
const ADDRESS_MARK = "（地址已隐去）";
const ID_MARK = "（证件号码已隐去）";
const PHONE_TEXT_MARK = "（电话号码已隐去）";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Another petitioner's text made safe to show as a suggestion: their names and addresses, and every
 * ID or mobile number (of anyone), are replaced by marks. Longer strings go first, so an address
 * that contains a name is taken out whole.
 */
export function redactPersonalData(text: string, traces: PersonTraces): string {
  let out = maskIdentity(text).replaceAll(ID_NUMBER_MARK, ID_MARK).replaceAll(PHONE_MARK, PHONE_TEXT_MARK);
  const items = [
    ...traces.addresses.filter((a) => a.trim().length >= 2).map((a) => [a.trim(), ADDRESS_MARK] as const),
    ...traces.names.filter((n) => n.trim().length >= 2).map((n) => [n.trim(), NAME_MARK] as const),
  ].sort((a, b) => b[0].length - a[0].length);
  for (const [value, mark] of items) out = out.replace(new RegExp(escapeRegExp(value), "g"), mark);
  return out;
}

/** Whether a text still names one of these people or addresses (a template must not). */
export function mentionsPerson(text: string, traces: PersonTraces): boolean {
  return [...traces.names, ...traces.addresses].some((v) => v.trim().length >= 2 && text.includes(v.trim()));
}
