import { Alert, Button, Card, Input, Modal, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../../../api/client.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import type { CalendarSettings } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";
import { parseNoticeLines } from "./notice-lines.ts";

type YearRow = CalendarSettings["years"][number];

const STATUS_TAG = {
  published: { color: "default", key: "adminYearPublished" },
  confirmed: { color: "green", key: "adminYearConfirmed" },
  provisional: { color: "orange", key: "adminYearProvisional" },
} as const;

/**
 * This year and the next two: published, confirmed, or computed from the law and awaiting the
 * State Council's notice. Confirming (system administrator) may import the notice's days at once.
 */
export function YearsCard({
  data,
  loading,
  canConfirm,
  reload,
}: {
  data: CalendarSettings | undefined;
  loading: boolean;
  canConfirm: boolean;
  reload: () => void;
}) {
  const { t, locale } = useLocale();
  const run = useAdminAction();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [text, setText] = useState("");
  const parsed = parseNoticeLines(text);
  const confirm = async () => {
    if (confirming === null || parsed.badLines.length > 0) return;
    await run(
      () => api("POST", `/api/settings/calendar/years/${confirming}/confirm`, { overrides: parsed.days }),
      () => {
        setConfirming(null);
        setText("");
        reload();
      },
    );
  };
  return (
    <Card title={t("adminYears")} loading={loading} data-testid="calendar-years">
      <Typography.Paragraph type="secondary">{t("adminYearsNote")}</Typography.Paragraph>
      <Table<YearRow>
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={data?.years ?? []}
        columns={[
          { title: t("adminYear"), dataIndex: "year", width: 90 },
          {
            title: t("adminYearStatus"),
            dataIndex: "status",
            width: 200,
            render: (v: YearRow["status"]) => <Tag color={STATUS_TAG[v].color}>{t(STATUS_TAG[v].key)}</Tag>,
          },
          {
            title: t("adminStatutoryDays"),
            render: (_: unknown, r: YearRow) =>
              r.statutoryHolidays
                .map((h) => `${h.date.slice(5)} ${locale === "en" ? h.en : h.name}`)
                .join("，"),
          },
          {
            title: t("actions"),
            width: 150,
            render: (_: unknown, r: YearRow) =>
              canConfirm && r.status === "provisional" ? (
                <Button size="small" type="primary" onClick={() => setConfirming(r.year)}>
                  {t("adminConfirmYear")}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={confirming !== null}
        title={t("adminConfirmYearTitle", { year: confirming ?? "" })}
        okText={t("adminConfirmYear")}
        okButtonProps={{ disabled: parsed.badLines.length > 0 }}
        onOk={() => void confirm()}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t("adminNoticeLines")}</Typography.Paragraph>
        <Input.TextArea
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={"2027-10-04~2027-10-07 放假 国庆节\n2027-10-09 上班 国庆节调休"}
          data-testid="notice-lines"
        />
        {parsed.badLines.length > 0 && (
          <Alert
            type="error"
            style={{ marginTop: 8 }}
            title={t("adminNoticeBadLines", { lines: parsed.badLines.join(", ") })}
          />
        )}
      </Modal>
    </Card>
  );
}
