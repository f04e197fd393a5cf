import { Alert, Card, Col, Row, Statistic, Table, Typography } from "antd";
import { COUNTY_WIDE_ROLES } from "../../../../domain/auth/roles.ts";
import { REPORT_RECIPIENTS, type TReportUpFigures } from "../../../../domain/schemas/steps.ts";
import { useOptionalMe } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";

/**
 * 重大紧急事项报告 on the statistics page: the year's reports up over the cases the reader sees
 * (GET /api/cases/reports-up/figures) — how many, on time within the rule pack's hours, late, by
 * recipient, and the instructions received back. The bureau and the county leaders read them; the
 * section is not shown to others (townships and units do not report up).
 */
export function ReportUpSection({ year }: { year: number }) {
  const { t, l, locale } = useLocale();
  const me = useOptionalMe();
  const reads = me?.roles.some((r) => COUNTY_WIDE_ROLES.includes(r)) ?? false;
  const { data, error } = useApi<TReportUpFigures>(
    reads ? `/api/cases/reports-up/figures?year=${year}` : null,
  );
  if (!reads) return null;
  const tile = (title: string, value: number, testId: string) => (
    <Col xs={12} md={8} xl={4}>
      <Statistic title={title} valueRender={() => <span data-testid={testId}>{value}</span>} />
    </Col>
  );
  return (
    <Card title={t("reportUpFiguresTitle", { year: String(year) })} data-testid="report-up-figures">
      {error && <Alert type="error" title={error.text(locale)} />}
      {data && (
        <>
          <Typography.Paragraph type="secondary">
            {t("reportUpFiguresNote", { hours: String(data.withinHours) })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {tile(t("reportUpReports"), data.reports, "ru-reports")}
            {tile(t("reportUpCases"), data.cases, "ru-cases")}
            {tile(t("reportOnTime"), data.onTime, "ru-on-time")}
            {tile(t("reportLate"), data.late, "ru-late")}
            {tile(t("reportUpInstructed"), data.instructed, "ru-instructed")}
            {tile(t("reportUpInstructions"), data.instructions, "ru-instructions")}
          </Row>
          <Table
            style={{ marginTop: 16 }}
            size="small"
            pagination={false}
            rowKey="recipient"
            dataSource={data.byRecipient}
            data-testid="ru-by-recipient"
            columns={[
              {
                title: t("reportRecipients"),
                dataIndex: "recipient",
                render: (v: string) => l(REPORT_RECIPIENTS, v),
              },
              { title: t("reportUpReports"), dataIndex: "reports" },
              { title: t("reportOnTime"), dataIndex: "onTime" },
              {
                title: t("reportLate"),
                key: "late",
                render: (_: unknown, r: TReportUpFigures["byRecipient"][number]) => r.reports - r.onTime,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
