import type { Rule } from "antd/es/form";
import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import type { MessageKey } from "../i18n/messages.ts";

type T = (key: MessageKey) => string;
type TV = (key: MessageKey, vars?: Record<string, string | number>) => string;

const REASON_KEY: Record<"length" | "format" | "birth_date" | "check_digit", MessageKey> = {
  length: "idLength",
  format: "idFormat",
  birth_date: "idBirth",
  check_digit: "idCheck",
};

/**
 * What is wrong with an ID number as typed so far, or null. While fewer than 18 characters are
 * typed only a character that can never be right is reported; the length is checked on leaving
 * the field (`complete`).
 */
export function idNumberProblem(raw: string, complete: boolean, now: Date = new Date()): MessageKey | null {
  const v = raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (!v) return null;
  if (v.length < 18 && !complete) return /^\d*$/.test(v) ? null : "idFormat";
  const r = validateIdNumber(v, now);
  return r.ok ? null : REASON_KEY[r.reason];
}

export function idNumberRules(t: T, required: boolean): Rule[] {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return [
    ...(required ? [{ required: true, message: t("required") }] : []),
    // As typed: a wrong character at once, and the date and check digit once 18 are typed. Also
    // on leaving the field: a field's errors are those of the rules its last trigger ran, so a
    // rule left out of onBlur would wipe 校验码错误 the moment the clerk tabs away.
    {
      validateTrigger: ["onChange", "onBlur", "onSubmit"],
      validator: async (_: unknown, value: unknown) => {
        const problem = idNumberProblem(text(value), false);
        if (problem) throw new Error(t(problem));
      },
    },
    // On leaving the field (and on submit): only what the first rule cannot know yet, a short number.
    {
      validateTrigger: ["onBlur", "onSubmit"],
      validator: async (_: unknown, value: unknown) => {
        const short =
          idNumberProblem(text(value), false) === null && idNumberProblem(text(value), true) === "idLength";
        if (short) throw new Error(t("idLength"));
      },
    },
  ];
}

/**
 * A text field that must hold something besides spaces; the message names the field, since a
 * form's "必填" under a field of spaces reads as a mistake of the form.
 */
export function requiredTextRules(t: TV, field: MessageKey): Rule[] {
  return [{ required: true, whitespace: true, message: t("fieldBlank", { field: t(field) }) }];
}

export function phoneRules(t: T, required: boolean): Rule[] {
  return [
    ...(required ? [{ required: true, message: t("required") }] : []),
    {
      validateTrigger: ["onBlur", "onSubmit"],
      validator: async (_: unknown, value: unknown) => {
        if (typeof value !== "string" || !value.trim()) return;
        if (!validatePhone(value).ok) throw new Error(t("phoneInvalid"));
      },
    },
  ];
}
