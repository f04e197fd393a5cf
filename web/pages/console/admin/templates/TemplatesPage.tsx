import { Alert, Button, Card, Form, Input, Select, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../../../api/client.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { TEMPLATE_PLACEHOLDER_LABELS } from "../../../../i18n/labels.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import type { DocumentTemplate } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";

/** The bureau's own notices and letters (GET/PUT/DELETE /api/settings/templates/:kind). */
export function TemplatesPage() {
  const { t, l, locale } = useLocale();
  const { data, error, loading, reload } = useApi<{ items: DocumentTemplate[] }>("/api/settings/templates");
  const run = useAdminAction();
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [form] = Form.useForm();
  const current = data?.items.find((x) => x.kind === (kind ?? data.items[0]?.kind));
  useEffect(() => {
    if (current) form.setFieldsValue({ title: current.title, body: current.body });
  }, [current, form]);

  return (
    <Card title={t("adminTemplates")} loading={loading && !data}>
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      {data && current && (
        <>
          <Space style={{ marginBottom: 16 }}>
            <Select
              style={{ width: 280 }}
              value={current.kind}
              onChange={setKind}
              data-testid="template-kind"
              // Eleven kinds and more: typed to find, and a list tall enough to show them all.
              showSearch
              optionFilterProp="label"
              listHeight={400}
              options={data.items.map((x) => ({ value: x.kind, label: x.title }))}
            />
            {current.custom ? <Tag color="blue">{t("adminCustom")}</Tag> : <Tag>{t("adminDefault")}</Tag>}
          </Space>
          <Form form={form} layout="vertical">
            <Form.Item
              name="title"
              label={t("adminTitle")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item
              name="body"
              label={t("adminBody")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Input.TextArea rows={12} maxLength={20000} />
            </Form.Item>
          </Form>
          {/* A published text (the portal's privacy notice) is shown as written: no placeholders. */}
          {current.placeholders.length > 0 ? (
            <>
              <Typography.Paragraph type="secondary">{t("adminPlaceholders")}：</Typography.Paragraph>
              <ul style={{ columns: 2 }} data-testid="template-placeholders">
                {current.placeholders.map((p) => (
                  <li key={p}>
                    {l(TEMPLATE_PLACEHOLDER_LABELS, p)} <code>{`{{${p}}}`}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Typography.Paragraph type="secondary" data-testid="template-no-placeholders">
              {t("adminNoPlaceholders")}
            </Typography.Paragraph>
          )}
          <Space>
            <Button
              type="primary"
              onClick={() =>
                void form
                  .validateFields()
                  .then((v: unknown) =>
                    run(() => api("PUT", `/api/settings/templates/${current.kind}`, v), reload),
                  )
              }
            >
              {t("adminSave")}
            </Button>
            {current.custom && (
              <Button
                onClick={() =>
                  void run(() => api("DELETE", `/api/settings/templates/${current.kind}`), reload)
                }
              >
                {t("adminResetDefault")}
              </Button>
            )}
          </Space>
        </>
      )}
    </Card>
  );
}
