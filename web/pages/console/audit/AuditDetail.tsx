import { Collapse, Typography } from "antd";
import {
  type AuditField,
  type AuditNames,
  auditFieldsText,
  auditValueText,
  describeAuditDetail,
} from "../../../../domain/audit/describe.ts";
import type { AuditLang } from "../../../../domain/audit/labels.ts";
import { CHANNEL_LABELS, STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";

/** The audit screen's way to name statuses and channels: the console's own labels. */
export function useAuditNames(): { lang: AuditLang; names: AuditNames } {
  const { l, locale } = useLocale();
  return {
    lang: locale === "en" ? "en" : "zh",
    names: { status: (c) => l(STATUS_LABELS, c), channel: (c) => l(CHANNEL_LABELS, c) },
  };
}

function FieldLine({ field, lang, names }: { field: AuditField; lang: AuditLang; names: AuditNames }) {
  const v = field.value;
  // A list of records (a scan's deadline alerts): one line each.
  const records =
    v.t === "list" && v.items.length > 0 && v.items.every((i) => i.t === "fields") ? v.items : null;
  return (
    <div style={{ overflowWrap: "anywhere" }} data-field={field.key}>
      <Typography.Text type="secondary">
        {field.label[lang]}
        {lang === "zh" ? "：" : ": "}
      </Typography.Text>
      {records ? (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {records.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the records have no id, and never move
            <li key={i}>{r.t === "fields" ? auditFieldsText(r.fields, lang, names) : ""}</li>
          ))}
        </ul>
      ) : (
        auditValueText(v, lang, names)
      )}
    </div>
  );
}

/**
 * One row's detail as labelled fields; what no label names (keys of their own, settings objects)
 * folded away as the raw record.
 */
export function AuditDetail({ action, detail }: { action: string; detail: Record<string, unknown> }) {
  const { t } = useLocale();
  const { lang, names } = useAuditNames();
  const view = describeAuditDetail(action, detail);
  if (view.fields.length === 0 && !view.raw) {
    return <Typography.Text type="secondary">{t("auditNoDetail")}</Typography.Text>;
  }
  return (
    <div data-testid="audit-detail">
      {view.fields.map((f) => (
        <FieldLine key={f.key} field={f} lang={lang} names={names} />
      ))}
      {view.raw && (
        <Collapse
          size="small"
          ghost
          style={{ marginInline: -12 }}
          items={[
            {
              key: "raw",
              label: <Typography.Text type="secondary">{t("auditRaw")}</Typography.Text>,
              children: (
                <pre style={{ margin: 0, fontSize: 12, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {JSON.stringify(view.raw, null, 2)}
                </pre>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
