import { Alert, Button, Card, Form, type FormInstance, Input, InputNumber, Select, Space, Table } from "antd";
import { useEffect } from "react";
import { SIGNER_ROLES } from "../../../../../domain/workflow/transitions.ts";
import { api, post } from "../../../../api/client.ts";
import type { Category, OrgUnit } from "../../../../api/types.ts";
import { useSession } from "../../../../hooks/session.tsx";
import { useApi } from "../../../../hooks/use-api.ts";
import { SEVERITY_LABELS } from "../../../../i18n/labels.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import { ROLE_LABELS } from "../admin-labels.ts";
import type { ApprovalChain, RoutingRule, WarningSettings } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";

const SEVERITIES = ["urgent", "general", "major"] as const;

/** Checks a settings card's form and PUTs its values; the card reloads after a save. */
function SaveButton({ form, url, done }: { form: FormInstance; url: string; done: () => void }) {
  const { t } = useLocale();
  const run = useAdminAction();
  return (
    <Button
      type="primary"
      onClick={() => void form.validateFields().then((v: unknown) => run(() => api("PUT", url, v), done))}
    >
      {t("adminSave")}
    </Button>
  );
}

function ApprovalChainCard() {
  const { t, l, locale } = useLocale();
  const { data, error, reload } = useApi<ApprovalChain>("/api/settings/approval-chain");
  const [form] = Form.useForm();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  return (
    <Card title={t("adminApprovalChain")}>
      {error && <Alert type="error" title={error.text(locale)} />}
      <Form form={form} layout="vertical" data-testid="approval-chain-form">
        {SEVERITIES.map((s) => (
          <Form.Item
            key={s}
            name={s}
            label={l(SEVERITY_LABELS, s)}
            rules={[{ required: true, message: t("required") }]}
          >
            <Select
              mode="multiple"
              options={SIGNER_ROLES.map((r) => ({ value: r, label: l(ROLE_LABELS, r) }))}
            />
          </Form.Item>
        ))}
      </Form>
      <SaveButton form={form} url="/api/settings/approval-chain" done={reload} />
    </Card>
  );
}

function WarningsCard() {
  const { t, locale } = useLocale();
  const { data, error, reload } = useApi<WarningSettings>("/api/settings/warnings");
  const [form] = Form.useForm();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  return (
    <Card title={t("adminWarnings")}>
      {error && <Alert type="error" title={error.text(locale)} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="repeatWindowDays"
          label={t("adminRepeatWindow")}
          rules={[{ required: true, message: t("required") }]}
        >
          <InputNumber min={1} max={3660} />
        </Form.Item>
        <Form.Item name="safetyWords" label={t("adminSafetyWords")}>
          <Select mode="tags" tokenSeparators={[",", "，", " "]} />
        </Form.Item>
      </Form>
      <SaveButton form={form} url="/api/settings/warnings" done={reload} />
    </Card>
  );
}

function RoutingCard() {
  const { t, locale } = useLocale();
  const { data, error, loading, reload } = useApi<{ items: RoutingRule[] }>("/api/triage/routes");
  const categories = useApi<{ items: Category[] }>("/api/categories");
  const units = useApi<{ items: OrgUnit[] }>("/api/org/units");
  const run = useAdminAction();
  const [form] = Form.useForm();
  const add = async () => {
    const v = (await form.validateFields()) as {
      categoryId: string;
      unitId: string;
      regionCode?: string;
      note?: string;
    };
    await run(
      () =>
        post("/api/triage/routes", {
          categoryId: v.categoryId,
          unitId: v.unitId,
          regionCode: v.regionCode || null,
          ...(v.note ? { note: v.note } : {}),
        }),
      () => {
        form.resetFields();
        reload();
      },
    );
  };
  return (
    <Card title={t("adminRouting")}>
      {error && <Alert type="error" title={error.text(locale)} />}
      <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item
          name="categoryId"
          label={t("category")}
          rules={[{ required: true, message: t("required") }]}
        >
          <Select
            style={{ width: 180 }}
            showSearch
            optionFilterProp="label"
            options={(categories.data?.items ?? [])
              .filter((c) => c.isActive)
              .map((c) => ({ value: c.id, label: locale === "en" ? c.nameEn : c.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t("adminRoutingRegion")}>
          <Input maxLength={12} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t("handlingUnit")}
          rules={[{ required: true, message: t("required") }]}
        >
          <Select
            style={{ width: 180 }}
            showSearch
            optionFilterProp="label"
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t("adminNote")}>
          <Input maxLength={500} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" onClick={() => void add()}>
            {t("adminAdd")}
          </Button>
        </Form.Item>
      </Form>
      <Table<RoutingRule>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t("category"), dataIndex: "categoryName" },
          { title: t("adminRegionCode"), dataIndex: "regionCode", render: (v: string | null) => v ?? "—" },
          { title: t("handlingUnit"), dataIndex: "unitName" },
          { title: t("adminNote"), dataIndex: "note" },
          {
            title: t("actions"),
            width: 90,
            render: (_: unknown, r) => (
              <Button
                size="small"
                danger
                onClick={() => void run(() => api("DELETE", `/api/triage/routes/${r.id}`), reload)}
              >
                {t("adminDelete")}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** Workflow settings: approval chain and early warnings (system admin), routing catalogue (and bureau office). */
export function SettingsPage() {
  const { me } = useSession();
  const isSystem = me?.roles.includes("system_admin") ?? false;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      {isSystem && <ApprovalChainCard />}
      {isSystem && <WarningsCard />}
      <RoutingCard />
    </Space>
  );
}
