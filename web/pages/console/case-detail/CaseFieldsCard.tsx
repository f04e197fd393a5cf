import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  Space,
  Table,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { TCaseFieldsView } from "../../../../domain/fields/api.ts";
import type { TFieldDefinition } from "../../../../domain/fields/definitions.ts";
import { ApiError, api, post } from "../../../api/client.ts";
import { FieldInputs, fieldLabel } from "../../../components/case-fields/FieldInputs.tsx";
import { pickMessage, toFieldValues } from "../../../components/case-fields/field-rules.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { FormModal } from "./FormModal.tsx";

/** The server's per-field refusals (FIELD_VALUES_INVALID) shown on the fields they name. */
function showFieldErrors(form: FormInstance, prefix: string | null, e: unknown, locale: "zh-CN" | "en") {
  if (!(e instanceof ApiError)) return;
  const details = e.details as { fields?: { field: string; message: string }[] } | undefined;
  if (!details?.fields) return;
  form.setFields(
    details.fields.map((f) => ({
      name: prefix ? [prefix, f.field] : f.field,
      errors: [pickMessage(f.message, locale)],
    })),
  );
}

function shown(
  d: TFieldDefinition,
  v: string | boolean | null | undefined,
  t: (k: "yes" | "no" | "fieldNoValue") => string,
  locale: "zh-CN" | "en",
) {
  if (v === null || v === undefined) return <span style={{ color: "#999" }}>{t("fieldNoValue")}</span>;
  if (typeof v === "boolean") return v ? t("yes") : t("no");
  if (d.type === "choice") {
    const o = d.options?.find((x) => x.value === v);
    return o ? (locale === "en" ? o.labelEn : o.labelZh) : v;
  }
  return v;
}

/**
 * The case's category fields (in the version the case was recorded with) and, where the category
 * keeps them, the payments recovered. Editing goes to the server, which checks roles and values
 * again and writes an audit row for each change.
 */
export function CaseFieldsCard({ caseId }: { caseId: string }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const loaded = useApi<TCaseFieldsView>(`/api/cases/${caseId}/fields`);
  const [editing, setEditing] = useState(false);
  const [paying, setPaying] = useState(false);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [form] = Form.useForm<{ fields: Record<string, unknown> }>();
  const [payForm] = Form.useForm<{ paidOn: Dayjs; amount: string; note?: string }>();
  const [voidForm] = Form.useForm<{ reason: string }>();
  const view = loaded.data;
  if (!view?.fieldSet) return null;
  const set = view.fieldSet;
  const editable = set.fields.filter((d) => view.editable.includes(d.key));
  const missing = set.fields.filter((d) => view.missingRequired.includes(d.key));
  return (
    <Card
      title={t("categoryFields")}
      data-testid="case-category-fields"
      extra={
        <Space>
          <Tag>{t("fieldSetVersion", { version: set.version })}</Tag>
          {editable.length > 0 && (
            <Button size="small" onClick={() => setEditing(true)} data-testid="edit-fields">
              {t("editFields")}
            </Button>
          )}
        </Space>
      }
    >
      {missing.length > 0 && (
        <p style={{ color: "#d46b08" }} data-testid="fields-missing">
          {t("fieldsMissingRequired", {
            names: missing
              .map((d) => (locale === "en" ? d.labelEn : d.labelZh))
              .join(locale === "en" ? ", " : "、"),
          })}
        </p>
      )}
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        {set.fields.map((d) => (
          <Descriptions.Item key={d.key} label={fieldLabel(d, locale)}>
            <span data-testid={`value-${d.key}`}>{shown(d, view.values[d.key], t, locale)}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {view.payments && (
        <div data-testid="payments">
          <Space style={{ margin: "12px 0" }}>
            <strong>
              {locale === "en"
                ? (set.paymentsLabelEn ?? t("payments"))
                : (set.paymentsLabelZh ?? t("payments"))}
            </strong>
            <span data-testid="payments-total">{t("paymentTotal", { total: view.payments.total })}</span>
            {view.payments.canRecord && (
              <Button size="small" type="primary" onClick={() => setPaying(true)} data-testid="add-payment">
                {t("paymentAdd")}
              </Button>
            )}
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={view.payments.items}
            columns={[
              { title: t("paymentPaidOn"), dataIndex: "paidOn" },
              {
                title: t("paymentAmount"),
                dataIndex: "amount",
                align: "right",
                render: (v: string, p) => (p.voided ? <s>{v}</s> : v),
              },
              { title: t("paymentNote"), dataIndex: "note" },
              { title: t("paymentRecordedBy"), dataIndex: "recordedBy" },
              {
                title: "",
                key: "void",
                render: (_v, p) =>
                  p.voided ? (
                    <Tag title={p.voidReason ?? ""}>{t("paymentVoided")}</Tag>
                  ) : view.payments?.canRecord ? (
                    <Button size="small" danger onClick={() => setVoiding(p.id)}>
                      {t("paymentVoid")}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </div>
      )}
      {editing && (
        <FormModal
          title={t("editFields")}
          name="edit-fields"
          form={form}
          help={t("categoryFieldsHelp")}
          initialValues={{ fields: view.values }}
          onCancel={() => setEditing(false)}
          onSubmit={async (v) => {
            try {
              await api("PATCH", `/api/cases/${caseId}/fields`, {
                values: toFieldValues(editable, v.fields, true),
              });
            } catch (e) {
              showFieldErrors(form, "fields", e, locale);
              throw e;
            }
            setEditing(false);
            message.success(t("fieldsSaved"));
            loaded.reload();
          }}
        >
          <FieldInputs defs={editable} prefix="fields" />
        </FormModal>
      )}
      {paying && (
        <FormModal
          title={t("paymentAdd")}
          name="add-payment"
          form={payForm}
          help={t("moneyHelp")}
          initialValues={{ paidOn: dayjs() }}
          onCancel={() => setPaying(false)}
          onSubmit={async (v) => {
            await post(`/api/cases/${caseId}/payments`, {
              paidOn: v.paidOn.format("YYYY-MM-DD"),
              amount: v.amount.trim(),
              ...(v.note?.trim() ? { note: v.note.trim() } : {}),
            });
            setPaying(false);
            message.success(t("paymentAdded"));
            loaded.reload();
          }}
        >
          <Form.Item
            name="paidOn"
            label={t("paymentPaidOn")}
            rules={[{ required: true, message: t("required") }]}
          >
            <DatePicker
              style={{ width: "100%" }}
              disabledDate={(d) => d.isAfter(dayjs(), "day")}
              data-testid="payment-date"
            />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t("paymentAmount")}
            rules={[
              { required: true, message: t("required") },
              { pattern: /^\d{1,13}(\.\d{1,2})?$/, message: t("moneyHelp") },
            ]}
          >
            <Input inputMode="decimal" maxLength={16} data-testid="payment-amount" />
          </Form.Item>
          <Form.Item name="note" label={t("paymentNote")}>
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      )}
      {voiding && (
        <FormModal
          title={t("paymentVoid")}
          name="void-payment"
          form={voidForm}
          help={t("paymentVoidReason")}
          onCancel={() => setVoiding(null)}
          onSubmit={async (v) => {
            await post(`/api/cases/${caseId}/payments/${voiding}/void`, { reason: v.reason.trim() });
            setVoiding(null);
            message.success(t("paymentVoidDone"));
            loaded.reload();
          }}
        >
          <Form.Item
            name="reason"
            label={t("paymentVoidReason")}
            rules={[{ required: true, whitespace: true, message: t("required") }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
