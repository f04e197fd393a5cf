import type { Rule } from "antd/es/form";
import type { TFieldDefinition } from "../../../domain/fields/definitions.ts";
import { fieldValueSchema } from "../../../domain/fields/values.ts";

/** "中文 / English" (the schema's messages) → the half in the user's language. */
export function pickMessage(message: string, locale: "zh-CN" | "en"): string {
  const [zh, en] = message.split(" / ");
  return (locale === "en" ? en : zh) ?? message;
}

/**
 * The form's rules for one field, from the same schema the API checks with
 * (domain/fields/values.ts): what the form accepts, the server accepts.
 */
export function fieldRules(d: TFieldDefinition, locale: "zh-CN" | "en"): Rule[] {
  const schema = fieldValueSchema(d);
  return [
    {
      validator: async (_rule, value: unknown) => {
        const empty =
          value === undefined || value === null || (typeof value === "string" && value.trim() === "");
        if (empty) {
          if (d.required)
            throw new Error(locale === "en" ? `${d.labelEn} is required` : `请填写${d.labelZh}`);
          return;
        }
        const r = schema.safeParse(value);
        if (!r.success) throw new Error(pickMessage(r.error.issues[0]?.message ?? "", locale));
      },
    },
  ];
}

/** Values of a form → the request's: only the given keys, empty ones left out (or null to clear). */
export function toFieldValues(
  defs: readonly TFieldDefinition[],
  values: Record<string, unknown> | undefined,
  clear: boolean,
): Record<string, string | boolean | null> {
  const out: Record<string, string | boolean | null> = {};
  for (const d of defs) {
    const v = values?.[d.key];
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      if (clear) out[d.key] = null;
      continue;
    }
    out[d.key] = typeof v === "boolean" ? v : String(v).trim();
  }
  return out;
}
