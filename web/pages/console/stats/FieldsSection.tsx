import { Card, Col, Row, Select, Space, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import type { TFieldStats, TWageSummary } from "../../../../domain/fields/api.ts";
import type { Category } from "../../../api/types.ts";
import { useFieldSets } from "../../../components/case-fields/registration.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";

/**
 * The statistics page's figures drawn from the fields per category: the wage-recovery sentence of
 * the year report with its ledger, and a category's cases by a choice field with its money sums.
 */
export function FieldsSection({ query }: { query: string }) {
  const { t, locale } = useLocale();
  const wages = useApi<TWageSummary>(`/api/fields/wages/summary?${query}`);
  const sets = useFieldSets();
  const categories = useApi<{ items: Category[] }>("/api/categories");
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const [groupBy, setGroupBy] = useState<string | undefined>(undefined);
  const chosen = categoryId ?? [...sets.keys()][0];
  const set = chosen ? sets.get(chosen) : undefined;
  const groupable = (set?.fields ?? []).filter((d) => d.type === "choice" || d.type === "boolean");
  const stats = useApi<TFieldStats>(
    chosen ? `/api/fields/stats?${query}&categoryId=${chosen}${groupBy ? `&groupBy=${groupBy}` : ""}` : null,
  );
  const name = (zh: string, en: string) => (locale === "en" ? en : zh);
  const categoryName = (id: string) => {
    const c = categories.data?.items.find((x) => x.id === id);
    return c ? name(c.nameZh, c.nameEn) : id;
  };
  return (
    <>
      {wages.data && (
        <Card
          title={t("wageTitle")}
          data-testid="wage-card"
          extra={
            <a href={`/api/fields/wages/ledger.xlsx?${query}`} download data-testid="wage-ledger">
              {t("wageLedger")}
            </a>
          }
        >
          <Typography.Paragraph strong data-testid="wage-sentence">
            {locale === "en"
              ? `${wages.data.cases} cases, ${wages.data.recoveredWan} × 10,000 yuan recovered for migrant workers`
              : `${wages.data.sentence}。`}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col span={12}>
              <Statistic title={t("wageCases")} value={wages.data.cases} />
            </Col>
            <Col span={12}>
              {/* A string, as the server formatted it from integer fen. */}
              <Statistic title={t("wageRecovered")} value={wages.data.recoveredWan} />
            </Col>
          </Row>
        </Card>
      )}
      {sets.size > 0 && (
        <Card
          title={t("categoryFields")}
          data-testid="field-stats"
          extra={
            <Space>
              <Select
                style={{ width: 180 }}
                value={chosen}
                onChange={(v: string) => {
                  setCategoryId(v);
                  setGroupBy(undefined);
                }}
                options={[...sets.keys()].map((id) => ({ value: id, label: categoryName(id) }))}
              />
              <Select
                allowClear
                style={{ width: 160 }}
                value={groupBy}
                onChange={(v: string | undefined) => setGroupBy(v)}
                options={groupable.map((d) => ({ value: d.key, label: name(d.labelZh, d.labelEn) }))}
              />
            </Space>
          }
        >
          <Table
            rowKey={(r) => r.value ?? "—"}
            size="small"
            pagination={false}
            dataSource={stats.data?.rows ?? []}
            columns={[
              {
                title: stats.data?.groupBy
                  ? name(stats.data.groupBy.labelZh, stats.data.groupBy.labelEn)
                  : "",
                dataIndex: "label",
              },
              { title: t("fieldCases"), dataIndex: "cases", align: "right" },
              ...(stats.data?.sumFields ?? []).map((f) => ({
                title: `${name(f.labelZh, f.labelEn)}${f.type === "money" ? `（${t("yuan")}）` : f.unit ? `（${f.unit}）` : ""}`,
                key: f.key,
                align: "right" as const,
                render: (_: unknown, r: TFieldStats["rows"][number]) => r.sums[f.key],
              })),
            ]}
          />
        </Card>
      )}
    </>
  );
}
