import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useNavigate } from "react-router";
import { COUNTY_WIDE_ROLES } from "../../../../domain/auth/roles.ts";
import { ApiError, api } from "../../../api/client.ts";
import type { CaseDetail, OrgUnit } from "../../../api/types.ts";
import { AccusedUnitField } from "../../../components/AccusedUnitField.tsx";
import {
  accusationSteps,
  accusedUnitOptions,
  toAccusedUnitBody,
  toConfidentialityBody,
} from "../../../components/accusation.ts";
import { useOptionalMe } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";

interface StepValues {
  accusedUnitId?: string;
  reason: string;
}

/** A step's form: what it does, its own fields, a required reason, and the server's refusal. */
function StepModal({
  name,
  title,
  help,
  initialValues,
  children,
  onSubmit,
  onCancel,
}: {
  name: string;
  title: string;
  help?: string;
  initialValues?: Partial<StepValues>;
  children?: ReactNode;
  onSubmit(values: StepValues): Promise<void>;
  onCancel(): void;
}) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<StepValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={t("submit")}
      cancelText={t("cancel")}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
      data-testid={`modal-${name}`}
    >
      {help && <Alert type="info" showIcon title={help} style={{ marginBottom: 16 }} />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text(locale)}
          style={{ marginBottom: 16 }}
          data-testid="accusation-error"
        />
      )}
      <Form form={form} layout="vertical" name={name} initialValues={initialValues}>
        {children}
        <Form.Item
          name="reason"
          label={t("reason")}
          rules={[{ required: true, whitespace: true, message: t("required") }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AccusedUnitAnswer = { case: CaseDetail | null; forwardedTo: string | null };

/**
 * An accusation's own facts on the case page: whom it accuses (as written, and the unit the bureau
 * recorded) and whether it is confidential, with the bureau's two steps on them. Recording the
 * bureau itself as accused forwards the case out of the bureau's sight: the page says where it
 * went and goes back to the list.
 */
export function AccusationCard({ c, onChanged }: { c: CaseDetail; onChanged(updated: CaseDetail): void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useOptionalMe();
  const roles = me?.roles ?? [];
  const steps = accusationSteps(roles, c);
  const [open, setOpen] = useState<"accused-unit" | "confidentiality" | null>(null);
  const units = useApi<{ items: OrgUnit[] }>(
    c.accusedUnitId !== null || steps.mayRecordUnit ? "/api/org/units" : null,
  );
  const unitLabel = (() => {
    if (!c.accusedUnitId) return <Typography.Text type="secondary">{t("accusedUnitNone")}</Typography.Text>;
    if (!units.data) return "…";
    const found = accusedUnitOptions(units.data.items).find((o) => o.value === c.accusedUnitId);
    return found ? found.label : t("accusedUnitInactive");
  })();
  // The server gives the description to the bureau and county leadership only; others get null.
  const readsDescription = roles.some((r) => COUNTY_WIDE_ROLES.includes(r));

  const recordUnit = async (v: StepValues) => {
    const r = await api<AccusedUnitAnswer>(
      "PUT",
      `/api/cases/${c.id}/accused-unit`,
      toAccusedUnitBody(v.accusedUnitId, v.reason),
    );
    setOpen(null);
    if (r.case === null) {
      message.info(t("accusationForwarded", { to: r.forwardedTo ?? t("forwardBodyFallback") }), 8);
      navigate("/cases");
      return;
    }
    message.success(t("accusedUnitSaved"));
    onChanged(r.case);
  };
  const decideConfidentiality = async (v: StepValues) => {
    const updated = await api<CaseDetail>(
      "PUT",
      `/api/cases/${c.id}/confidentiality`,
      toConfidentialityBody(c.isConfidential, v.reason),
    );
    setOpen(null);
    message.success(t(updated.isConfidential ? "confidentialityRestoredDone" : "confidentialityLiftedDone"));
    onChanged(updated);
  };

  const buttons = (
    <Space wrap>
      {steps.mayRecordUnit && (
        <Button onClick={() => setOpen("accused-unit")} data-accusation="accused-unit">
          {t("recordAccusedUnit")}
        </Button>
      )}
      {steps.mayDecideConfidentiality && (
        <Button onClick={() => setOpen("confidentiality")} data-accusation="confidentiality">
          {t(c.isConfidential ? "liftConfidentiality" : "restoreConfidentiality")}
        </Button>
      )}
    </Space>
  );

  return (
    <Card title={t("accusationCard")} extra={buttons} data-testid="accusation-card">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
        {(readsDescription || c.accusedDescription !== null) && (
          <Descriptions.Item label={t("accusedDescription")}>
            <span data-testid="accused-description" style={{ whiteSpace: "pre-wrap" }}>
              {c.accusedDescription ?? <Typography.Text type="secondary">{t("notFilled")}</Typography.Text>}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("accusedUnit")}>
          <span data-testid="accused-unit">{unitLabel}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("confidentiality")}>
          <Tag color={c.isConfidential ? "red" : "default"} data-testid="confidentiality-state">
            {t(c.isConfidential ? "confidentialOn" : "confidentialLifted")}
          </Tag>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0" }}>
        {t("confidentialityHint")}
      </Typography.Paragraph>
      {open === "accused-unit" && (
        <StepModal
          name="accused-unit"
          title={t("recordAccusedUnit")}
          initialValues={c.accusedUnitId ? { accusedUnitId: c.accusedUnitId } : {}}
          onSubmit={recordUnit}
          onCancel={() => setOpen(null)}
        >
          <AccusedUnitField
            name="accusedUnitId"
            label="accusedUnit"
            help="accusedUnitClearHelp"
            units={units.data?.items}
            loading={units.loading}
          />
        </StepModal>
      )}
      {open === "confidentiality" && (
        <StepModal
          name="confidentiality"
          title={t(c.isConfidential ? "liftConfidentiality" : "restoreConfidentiality")}
          help={t(c.isConfidential ? "liftConfidentialityHelp" : "restoreConfidentialityHelp")}
          onSubmit={decideConfidentiality}
          onCancel={() => setOpen(null)}
        />
      )}
    </Card>
  );
}
