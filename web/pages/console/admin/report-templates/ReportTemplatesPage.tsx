import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useEffect } from "react";
import { api } from "../../../../api/client.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import type { ReportTemplate } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";

const CODE = "work_report";

/** The narrative of the work report (numbers stay placeholders): /api/stats/report-templates/:code. */
export function ReportTemplatesPage() {
  const { t, locale } = useLocale();
  const { data, error, loading, reload } = useApi<ReportTemplate>(`/api/stats/report-templates/${CODE}`);
  const run = useAdminAction();
  const [form] = Form.useForm();
  useEffect(() => {
    if (data) form.setFieldsValue({ name: data.name, body: data.body });
  }, [data, form]);

  return (
    <Card title={t("adminReportTemplates")} loading={loading && !data}>
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      {data && (
        <>
          <Form form={form} layout="vertical">
            <Form.Item
              name="name"
              label={t("adminName")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="body"
              label={t("adminBody")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Input.TextArea rows={16} maxLength={50000} />
            </Form.Item>
          </Form>
          <Button
            type="primary"
            onClick={() =>
              void form
                .validateFields()
                .then((v: unknown) => run(() => api("PUT", `/api/stats/report-templates/${CODE}`, v), reload))
            }
          >
            {t("adminSave")}
          </Button>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t("adminPlaceholders")}
          </Typography.Title>
          <ul style={{ columns: 2 }}>
            {data.placeholders.map((p) => (
              <li key={p.name}>
                <code>{p.name}</code> {p.description}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
