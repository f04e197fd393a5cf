import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { TBreakdownRow, TRankingRow, TRate, TStatsSummary } from "../../../../domain/schemas/stats.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import type { MessageKey } from "../../../i18n/messages.ts";
import { RATING_CHANNEL_LABELS } from "../../../i18n/reclassify-messages.ts";
import { BureauSection } from "./BureauSection.tsx";
import { ExportableChart } from "./ExportableChart.tsx";
import { FieldsSection } from "./FieldsSection.tsx";
import { PeriodPicker } from "./PeriodPicker.tsx";
import { ReportUpSection } from "./ReportUpSection.tsx";
import { drillHref, type PeriodChoice, periodQuery } from "./stats-query.ts";

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const RATES: [keyof TStatsSummary["rates"], MessageKey][] = [
  ["timelyAcceptance", "rateTimelyAcceptance"],
  ["onTimeCompletion", "rateOnTimeCompletion"],
  ["evaluation", "rateEvaluation"],
  ["bureauSatisfaction", "rateBureauSatisfaction"],
  ["unitSatisfaction", "rateUnitSatisfaction"],
  ["repeat", "rateRepeat"],
  ["onlineShare", "rateOnlineShare"],
];
const BREAKDOWNS: [string, MessageKey][] = [
  ["nature", "nature"],
  ["channel", "channel"],
  ["category", "category"],
  ["destinationLevel", "destinationLevel"],
];

function Figure({
  value,
  drillDown,
  testId,
}: {
  value: number | string;
  drillDown: string | null;
  testId?: string;
}) {
  const href = drillHref(drillDown);
  return href ? (
    <Link to={href} data-testid={testId} data-drill={drillDown ?? ""}>
      {value}
    </Link>
  ) : (
    <span data-testid={testId}>{value}</span>
  );
}

/** A bar chart of one breakdown; a click on a bar opens the cases behind it. */
function BreakdownChart({
  rows,
  onDrill,
  title,
}: {
  rows: TBreakdownRow[];
  onDrill(d: string | null): void;
  title: string;
}) {
  return (
    <ExportableChart
      fileName={title}
      echarts={echarts}
      style={{ height: 260 }}
      notMerge
      option={{
        animation: false,
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 16, top: 16, bottom: 60 },
        xAxis: {
          type: "category",
          data: rows.map((r) => r.label),
          axisLabel: { rotate: rows.length > 6 ? 30 : 0 },
        },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: rows.map((r) => r.items), itemStyle: { color: "#1677ff" } }],
      }}
      onEvents={{ click: (e: { dataIndex: number }) => onDrill(rows[e.dataIndex]?.drillDown ?? null) }}
    />
  );
}

/** Statistics for leaders and analysts: a period, totals, trend, breakdowns, rates, unit ranking, downloads. */
export function StatsPage() {
  const { t, l, locale } = useLocale();
  const navigate = useNavigate();
  const [period, setPeriod] = useState<PeriodChoice>({ kind: "year", year: dayjs().year() });
  const query = periodQuery(period);
  const ready = period.kind !== "custom" || (Boolean(period.from) && Boolean(period.to));
  const { data, error, loading } = useApi<TStatsSummary>(ready ? `/api/stats/summary?${query}` : null);
  const drill = (d: string | null) => {
    const href = drillHref(d);
    if (href) navigate(href);
  };
  const month = data?.breakdowns.month ?? [];
  const rateText = (r: TRate) => (r.percent === null ? "—" : `${r.percent}%`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={<span data-testid="stats-title">{t("menuStats")}</span>}
        extra={
          data && (
            <Space wrap>
              <a href={`/api/stats/report.docx?${query}`} data-testid="download-report" download>
                {t("downloadReport")}
              </a>
              <a href={`/api/stats/summary.xlsx?${query}`} data-testid="download-figures" download>
                {t("downloadFigures")}
              </a>
              {data.totals.drillDown !== null && (
                <a
                  href={`/api/stats/ledger.xlsx?${data.totals.drillDown}`}
                  data-testid="download-ledger"
                  download
                >
                  {t("downloadLedger")}
                </a>
              )}
            </Space>
          )
        }
      >
        <Space wrap data-testid="stats-period">
          <PeriodPicker period={period} setPeriod={setPeriod} kindTestId="period-kind" />
          {data && (
            <Typography.Text type="secondary" data-testid="stats-label">
              {data.period.label}（{data.period.from} ~ {data.period.to}）· {data.scope.name}
            </Typography.Text>
          )}
        </Space>
        {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error.text(locale)} />}
      </Card>
      {data && (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ["items", "unitItems"],
                ["batches", "unitBatches"],
                ["personVisits", "unitPersonVisits"],
              ] as const
            ).map(([k, label]) => (
              <Col xs={24} md={8} key={k}>
                <Card loading={loading}>
                  <Statistic
                    title={t(label)}
                    valueRender={() => (
                      <Figure
                        value={data.totals[k]}
                        drillDown={data.totals.drillDown}
                        testId={`total-${k}`}
                      />
                    )}
                  />
                  {k !== "batches" && (
                    <Typography.Text type="secondary">
                      {t("yoy")} {data.comparison[k].yoy.delta >= 0 ? "+" : ""}
                      {data.comparison[k].yoy.delta}
                      {data.comparison[k].yoy.percent !== null
                        ? `（${data.comparison[k].yoy.percent}%）`
                        : ""}{" "}
                      · {t("mom")} {data.comparison[k].mom.delta >= 0 ? "+" : ""}
                      {data.comparison[k].mom.delta}
                    </Typography.Text>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t("trendByMonth")} data-testid="chart-trend">
            <ExportableChart
              fileName={t("trendByMonth")}
              echarts={echarts}
              style={{ height: 280 }}
              notMerge
              option={{
                animation: false,
                tooltip: { trigger: "axis" },
                legend: { top: 0, data: [t("unitItems"), t("unitPersonVisits")] },
                grid: { left: 40, right: 40, top: 40, bottom: 30 },
                xAxis: { type: "category", data: month.map((r) => r.label) },
                yAxis: [
                  { type: "value", minInterval: 1 },
                  { type: "value", minInterval: 1 },
                ],
                series: [
                  { name: t("unitItems"), type: "bar", data: month.map((r) => r.items) },
                  {
                    name: t("unitPersonVisits"),
                    type: "line",
                    yAxisIndex: 1,
                    data: month.map((r) => r.personVisits),
                  },
                ],
              }}
              onEvents={{ click: (e: { dataIndex: number }) => drill(month[e.dataIndex]?.drillDown ?? null) }}
            />
          </Card>
          <Row gutter={[16, 16]}>
            {BREAKDOWNS.map(([key, label]) => {
              const rows = data.breakdowns[key] ?? [];
              return (
                <Col xs={24} xl={12} key={key}>
                  <Card title={t(label)} data-testid={`breakdown-${key}`}>
                    <BreakdownChart rows={rows} onDrill={drill} title={t(label)} />
                    <Space wrap size={[12, 4]}>
                      {rows.map((r) => (
                        <span key={r.key ?? "none"}>
                          {r.label}：<Figure value={r.items} drillDown={r.drillDown} />
                          {r.share !== null ? `（${r.share}%）` : ""}
                        </span>
                      ))}
                    </Space>
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Card title={t("rates")} data-testid="rates">
            <Row gutter={[16, 16]}>
              {RATES.map(([key, label]) => {
                const r = data.rates[key];
                return (
                  <Col xs={12} md={6} xl={3} key={key} data-rate={key}>
                    <Statistic title={t(label)} value={rateText(r)} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.buckets.map((b, i) => (
                        <span key={b.bucket}>
                          {i > 0 ? " · " : ""}
                          {b.label} <Figure value={b.count} drillDown={b.drillDown} />
                        </span>
                      ))}
                    </Typography.Text>
                  </Col>
                );
              })}
            </Row>
            {data.splits.ratingsByChannel.length > 0 && (
              <Typography.Paragraph
                type="secondary"
                style={{ marginTop: 12, marginBottom: 0 }}
                data-testid="ratings-by-channel"
              >
                {t("ratingsByChannel")}：
                {data.splits.ratingsByChannel.map((r, i) => (
                  <span key={r.key}>
                    {i > 0 ? "；" : ""}
                    {l(RATING_CHANNEL_LABELS, r.key)} <Figure value={r.rated} drillDown={r.drillDown} />
                    {t("ratedItems")}，{t("rateBureauSatisfaction")}{" "}
                    {rateText({ ...r.bureauSatisfaction, buckets: [] })}
                  </span>
                ))}
              </Typography.Paragraph>
            )}
          </Card>
          <Card title={t("unitRanking")}>
            <Table<TRankingRow>
              rowKey="unitId"
              size="small"
              pagination={false}
              scroll={{ x: 700 }}
              dataSource={data.rankings}
              data-testid="ranking"
              columns={[
                { title: "#", key: "rank", render: (_: unknown, _r, i) => i + 1, width: 48 },
                { title: t("handlingUnit"), dataIndex: "unitName" },
                {
                  title: t("unitItems"),
                  dataIndex: "items",
                  render: (v: number, r) => <Figure value={v} drillDown={r.drillDown} />,
                },
                {
                  title: t("rateOnTimeCompletion"),
                  key: "onTime",
                  render: (_: unknown, r) => rateText(r.onTime),
                },
                {
                  title: t("rateUnitSatisfaction"),
                  key: "sat",
                  render: (_: unknown, r) => rateText(r.unitSatisfaction),
                },
                {
                  title: t("overdue"),
                  dataIndex: "overdue",
                  render: (v: number, r) => <Figure value={v} drillDown={r.overdueDrillDown} />,
                },
              ]}
            />
          </Card>
          <BureauSection from={data.period.from} to={data.period.to} />
          <ReportUpSection year={Number(data.period.from.slice(0, 4))} />
          <FieldsSection query={query} />
          <Button onClick={() => drill(data.totals.drillDown)}>{t("allCasesOfPeriod")}</Button>
        </>
      )}
    </Space>
  );
}
