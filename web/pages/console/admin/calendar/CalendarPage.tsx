import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { api } from "../../../../api/client.ts";
import { useSession } from "../../../../hooks/session.tsx";
import { useApi } from "../../../../hooks/use-api.ts";
import { CLOCK_EVENT_LABELS, STEP_LABELS } from "../../../../i18n/labels.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import type { CalendarSettings, TimeLimitRow } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";
import { YearsCard } from "./YearsCard.tsx";

const UNIT_TEXT = {
  calendar: { zh: "日", en: "days" },
  working: { zh: "个工作日", en: "working days" },
} as const;

/** The active rule pack's limits (read-only: a pack is configuration) and the holiday overrides. */
export function CalendarPage() {
  const { t, l, locale } = useLocale();
  const { data, error, loading, reload } = useApi<CalendarSettings>("/api/settings/calendar");
  const run = useAdminAction();
  const { me } = useSession();
  // The server lets only the system administrator confirm a year (the bureau may read this screen).
  const canConfirm = me?.roles.includes("system_admin") ?? false;
  const [form] = Form.useForm();
  const amount = (r: TimeLimitRow) =>
    `${r.amount} ${r.unit in UNIT_TEXT ? UNIT_TEXT[r.unit as keyof typeof UNIT_TEXT][locale === "en" ? "en" : "zh"] : r.unit}`;
  const limitColumns = [
    { title: t("adminStep"), dataIndex: "step", width: 180, render: (v: string) => l(STEP_LABELS, v) },
    { title: t("adminAmount"), width: 130, render: (_: unknown, r: TimeLimitRow) => amount(r) },
    {
      title: t("adminStarts"),
      dataIndex: "starts",
      width: 150,
      render: (v: string) => l(CLOCK_EVENT_LABELS, v),
    },
    { title: t("adminNote"), dataIndex: "note" },
  ];
  const add = async () => {
    const v = (await form.validateFields()) as { date: Dayjs; kind: string; name?: string };
    await run(
      () =>
        api("PUT", `/api/settings/calendar/overrides/${v.date.format("YYYY-MM-DD")}`, {
          kind: v.kind,
          ...(v.name ? { name: v.name } : {}),
        }),
      () => {
        form.resetFields();
        reload();
      },
    );
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      {error && <Alert type="error" title={error.text(locale)} />}
      <Card title={t("adminPack")} loading={loading}>
        {data && (
          <>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t("adminPackLineage")}>
                {data.pack.lineage.join(" → ")}
              </Descriptions.Item>
              <Descriptions.Item label={t("adminName")}>{data.pack.title}</Descriptions.Item>
              {data.pack.source && (
                <Descriptions.Item label={t("adminNote")}>{data.pack.source}</Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph type="secondary">{t("adminPackNote")}</Typography.Paragraph>
            <Table<TimeLimitRow>
              rowKey="step"
              size="small"
              pagination={false}
              dataSource={data.pack.limits}
              columns={limitColumns}
              data-testid="pack-limits"
            />
            {data.pack.internalTargets.length > 0 && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t("adminInternalTargets")}
                </Typography.Title>
                <Table<TimeLimitRow>
                  rowKey="step"
                  size="small"
                  pagination={false}
                  dataSource={data.pack.internalTargets}
                  columns={limitColumns}
                />
              </>
            )}
          </>
        )}
      </Card>
      <YearsCard data={data} loading={loading} canConfirm={canConfirm} reload={reload} />
      <Card title={t("adminOverrides")}>
        {data && data.unknownYears.length > 0 && (
          <Alert
            type="warning"
            style={{ marginBottom: 16 }}
            title={t("adminUnknownYears", { years: data.unknownYears.join(", ") })}
          />
        )}
        <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} data-testid="override-form">
          <Form.Item name="date" label={t("adminDate")} rules={[{ required: true, message: t("required") }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t("adminUnitKind")} initialValue="holiday">
            <Select
              style={{ width: 150 }}
              options={[
                { value: "holiday", label: t("adminHoliday") },
                { value: "workday", label: t("adminWorkday") },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label={t("adminName")}>
            <Input maxLength={50} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" onClick={() => void add()}>
              {t("adminSave")}
            </Button>
          </Form.Item>
        </Form>
        <Table
          rowKey="date"
          size="small"
          loading={loading}
          dataSource={data?.overrides ?? []}
          pagination={{ pageSize: 30 }}
          columns={[
            { title: t("adminDate"), dataIndex: "date", width: 130 },
            {
              title: t("adminUnitKind"),
              dataIndex: "kind",
              width: 140,
              render: (v: string) =>
                v === "holiday" ? (
                  <Tag color="red">{t("adminHoliday")}</Tag>
                ) : (
                  <Tag color="blue">{t("adminWorkday")}</Tag>
                ),
            },
            { title: t("adminName"), dataIndex: "name" },
            {
              title: t("actions"),
              width: 100,
              render: (_: unknown, o: { date: string }) => (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    void run(() => api("DELETE", `/api/settings/calendar/overrides/${o.date}`), reload)
                  }
                >
                  {t("adminDelete")}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
