import { Alert, App, Form, Input, InputNumber, Modal, Select } from "antd";
import { useState } from "react";
import type { CaseAction } from "../../../../domain/workflow/transitions.ts";
import { ApiError, post } from "../../../api/client.ts";
import type { CaseDetail, OrgUnit } from "../../../api/types.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { ACTION_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { isDraftingAction, SuggestionPanel } from "../knowledge/SuggestionPanel.tsx";
import { ACTION_FIELDS, type FieldSpec, toActionBody } from "./action-fields.ts";

const HANDLING_KINDS = new Set(["department", "township", "village"]);

/** Where a refused step says the case must go instead (ACCUSATION_NO_SIGNER's `forwardTo`). */
function forwardTo(e: ApiError): string | null {
  const d = e.details;
  return typeof d === "object" && d !== null && "forwardTo" in d && typeof d.forwardTo === "string"
    ? d.forwardTo
    : null;
}

/** The form of one workflow step; on success the case as the server now sees it is handed back. */
export function ActionModal({
  caseId,
  action,
  onDone,
  onCancel,
}: {
  caseId: string;
  action: CaseAction;
  onDone(updated: CaseDetail): void;
  onCancel(): void;
}) {
  const { t, l, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = ACTION_FIELDS[action];
  const needsUnits = fields.some((f) => f.kind === "unit" || f.kind === "units");
  const units = useApi<{ items: OrgUnit[] }>(needsUnits ? "/api/org/units" : null);
  const unitOptions = (units.data?.items ?? [])
    .filter((u) => HANDLING_KINDS.has(u.kind))
    .map((u) => ({ value: u.id, label: u.name }));
  const text = (b: { zh: string; en: string }) => (locale === "en" ? b.en : b.zh);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const url = `/api/cases/${caseId}/${action.replaceAll("_", "-")}`;
      const updated = await post<CaseDetail>(url, toActionBody(fields, values));
      message.success(t("stepDone", { action: l(ACTION_LABELS, action) }));
      onDone(updated);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const input = (f: FieldSpec) => {
    switch (f.kind) {
      case "textarea":
        return <Input.TextArea rows={3} maxLength={5000} />;
      case "text":
        return <Input maxLength={f.max} />;
      case "caseId":
        return <Input maxLength={36} placeholder="00000000-0000-0000-0000-000000000000" />;
      case "number":
        return <InputNumber min={f.min} max={f.max} precision={0} style={{ width: 160 }} />;
      case "select":
        return (
          <Select
            allowClear={!f.required}
            options={Object.entries(f.options ?? {}).map(([value, label]) => ({ value, label: text(label) }))}
          />
        );
      case "unit":
        return <Select showSearch optionFilterProp="label" loading={units.loading} options={unitOptions} />;
      case "units":
        return (
          <Select mode="multiple" optionFilterProp="label" loading={units.loading} options={unitOptions} />
        );
    }
  };

  return (
    <Modal
      open
      title={l(ACTION_LABELS, action)}
      okText={t("submit")}
      cancelText={t("cancel")}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
      width={isDraftingAction(action) ? 760 : undefined}
      data-testid={`action-modal-${action}`}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text(locale)}
          description={forwardTo(error) ? t("forwardTo", { to: forwardTo(error) ?? "" }) : undefined}
          style={{ marginBottom: 16 }}
          data-testid="action-error"
        />
      )}
      {isDraftingAction(action) && <SuggestionPanel caseId={caseId} action={action} form={form} />}
      <Form form={form} layout="vertical" name={`action-${action}`}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={text(f.label)}
            rules={
              !f.required
                ? []
                : f.kind === "text" || f.kind === "textarea"
                  ? // Spaces alone are no answer; the message names the field.
                    [{ required: true, whitespace: true, message: t("fieldBlank", { field: text(f.label) }) }]
                  : [{ required: true, message: t("required") }]
            }
          >
            {input(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
