import { DatePicker, Form, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { TFieldDefinition } from "../../../domain/fields/definitions.ts";
import { useLocale } from "../../i18n/locale.tsx";
import { fieldRules } from "./field-rules.ts";

/** The label of a field in the user's language, with its unit. */
export function fieldLabel(d: TFieldDefinition, locale: "zh-CN" | "en"): string {
  const name = locale === "en" ? d.labelEn : d.labelZh;
  if (d.type === "money") return `${name}（${locale === "en" ? "yuan" : "元"}）`;
  return d.unit ? `${name}（${d.unit}）` : name;
}

/**
 * The inputs of a category's fields, named `[prefix, key]` in the surrounding form. Money is typed as
 * text (never a float); dates are kept as YYYY-MM-DD.
 */
export function FieldInputs({ defs, prefix }: { defs: readonly TFieldDefinition[]; prefix: string }) {
  const { t, locale } = useLocale();
  return (
    <>
      {defs.map((d) => {
        const common = {
          name: [prefix, d.key],
          label: fieldLabel(d, locale),
          rules: fieldRules(d, locale),
          required: d.required,
          validateTrigger: ["onChange", "onBlur"],
        };
        const testId = `field-${d.key}`;
        switch (d.type) {
          case "money":
            return (
              <Form.Item key={d.key} {...common} extra={t("moneyHelp")}>
                <Input inputMode="decimal" maxLength={20} data-testid={testId} />
              </Form.Item>
            );
          case "number":
            return (
              <Form.Item key={d.key} {...common}>
                <Input inputMode="decimal" maxLength={20} data-testid={testId} />
              </Form.Item>
            );
          case "date":
            return (
              <Form.Item
                key={d.key}
                {...common}
                getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
                normalize={(v: Dayjs | null) => (v ? v.format("YYYY-MM-DD") : null)}
              >
                <DatePicker style={{ width: "100%" }} data-testid={testId} />
              </Form.Item>
            );
          case "choice":
            return (
              <Form.Item key={d.key} {...common}>
                <Select
                  allowClear
                  data-testid={testId}
                  options={(d.options ?? []).map((o) => ({
                    value: o.value,
                    label: locale === "en" ? o.labelEn : o.labelZh,
                  }))}
                />
              </Form.Item>
            );
          case "boolean":
            return (
              <Form.Item key={d.key} {...common}>
                <Select
                  allowClear
                  data-testid={testId}
                  options={[
                    { value: true, label: t("yes") },
                    { value: false, label: t("no") },
                  ]}
                />
              </Form.Item>
            );
          default:
            return (
              <Form.Item key={d.key} {...common}>
                <Input maxLength={500} data-testid={testId} />
              </Form.Item>
            );
        }
      })}
    </>
  );
}
