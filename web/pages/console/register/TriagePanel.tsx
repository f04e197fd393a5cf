import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { useEffect } from "react";
import type { Nature } from "../../../../domain/workflow/statuses.ts";
import type { Category } from "../../../api/types.ts";
import { useDraftCheck } from "../../../hooks/use-draft-check.ts";
import { NATURE_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import {
  applicable,
  percent,
  type TriageSuggestion,
  toTriageRequest,
  UNIT_SOURCE_KEYS,
  unitReason,
} from "./triage-view.ts";

interface Props {
  values: {
    title?: string;
    content?: string;
    problemRegionCode?: string;
    nature?: string;
    categoryId?: string;
  };
  categories: Category[];
  onNature(nature: Nature): void;
  onCategory(categoryId: string): void;
  /** What the panel shows now (null: nothing), so the choice can be sent back on save. */
  onShown?(shown: TriageSuggestion | null): void;
}

/**
 * The triage suggestion for the petition being typed (POST /api/triage/suggest, once typing
 * pauses): nature and category with how sure the model is, the honest 「不确定」 below its
 * threshold, the handling unit with where the suggestion comes from (routing catalogue, the
 * bureau's practice, a route-out body, a department's name) and why, and route-out warnings.
 * It fills nothing by itself: the registrar presses 采用.
 */
export function TriagePanel({ values, categories, onNature, onCategory, onShown }: Props) {
  const { t, l, locale } = useLocale();
  // The body's name in the interface's language (the suggestion carries only the Chinese one).
  const routeBody = (route: string) =>
    t(route === "legal_channel" ? "triageBodyLegalChannel" : "triageBodyDisciplineInspection");
  const request = toTriageRequest(values);
  const key = request ? JSON.stringify(request) : null;
  const { answer, error, checking } = useDraftCheck<TriageSuggestion>("/api/triage/suggest", key, 700);
  const shown = key && !error ? answer : null;
  useEffect(() => {
    onShown?.(shown);
  }, [shown, onShown]);

  const categoryName = (id: string | null, fallback: string | null) => {
    const c = id ? categories.find((x) => x.id === id) : undefined;
    if (c) return locale === "en" ? c.nameEn : c.nameZh;
    return fallback ?? "—";
  };

  const s = answer ?? undefined;
  const use = s ? applicable(s) : null;
  return (
    <Card size="small" title={t("triageTitle")} style={{ marginBottom: 16 }} data-testid="triage-panel">
      {!key && <Typography.Text type="secondary">{t("triageWaiting")}</Typography.Text>}
      {key && error && <Alert type="warning" title={error.text(locale)} />}
      {key && !error && checking && !s && (
        <Typography.Text type="secondary">{t("triageChecking")}</Typography.Text>
      )}
      {key && !error && s && (
        <Space direction="vertical" size={8} style={{ width: "100%" }}>
          {s.notSure && (
            <Alert
              type="warning"
              showIcon
              data-testid="triage-not-sure"
              title={locale === "en" ? t("triageNotSure") : (s.notSureZh ?? t("triageNotSure"))}
              description={t("triageNotSureHelp")}
            />
          )}
          {[
            ...s.routeOut.map((r) => ({ r, sure: true })),
            ...s.routeOutNotSure.map((r) => ({ r, sure: false })),
          ].map(({ r, sure }) => (
            <Alert
              key={`${r.route}-${sure}`}
              type={sure ? "info" : "warning"}
              showIcon
              data-testid={sure ? "triage-route-out" : "triage-route-out-not-sure"}
              title={t(sure ? "triageRouteOut" : "triageRouteOutNotSure", { body: routeBody(r.route) })}
              description={r.hits.length > 0 ? r.hits.join("、") : undefined}
            />
          ))}
          {s.protectFromAccused && <Alert type="info" showIcon title={t("triageProtect")} />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("triageNature")}>
              <Space wrap>
                {s.nature.slice(0, 2).map((n, i) => (
                  <Space key={n.value} size={4}>
                    <Tag color={i === 0 ? "blue" : "default"}>{l(NATURE_LABELS, n.value)}</Tag>
                    <Typography.Text type="secondary">
                      {t("triageScore", { n: percent(n.score) })}
                    </Typography.Text>
                    {values.nature === n.value ? (
                      <Typography.Text type="success">{t("triageApplied")}</Typography.Text>
                    ) : (
                      <Button
                        size="small"
                        type={use?.nature === n.value ? "primary" : "default"}
                        data-testid="triage-apply-nature"
                        onClick={() => onNature(n.value)}
                      >
                        {t("triageApply")}
                      </Button>
                    )}
                  </Space>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("triageCategory")}>
              <Space direction="vertical" size={2}>
                {s.category.map((c, i) => (
                  <Space key={c.value} size={4} data-testid="triage-category">
                    <Tag color={i === 0 && !s.notSure ? "blue" : "default"}>
                      {categoryName(c.categoryId, c.name)}
                    </Tag>
                    <Typography.Text type="secondary">
                      {t("triageScore", { n: percent(c.score) })}
                    </Typography.Text>
                    {c.categoryId &&
                      (values.categoryId === c.categoryId ? (
                        <Typography.Text type="success">{t("triageApplied")}</Typography.Text>
                      ) : (
                        <Button
                          size="small"
                          type={use?.categoryId === c.categoryId ? "primary" : "default"}
                          data-testid="triage-apply-category"
                          onClick={() => c.categoryId && onCategory(c.categoryId)}
                        >
                          {t("triageApply")}
                        </Button>
                      ))}
                  </Space>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("triageUnit")}>
              {s.handlingUnit ? (
                <Space direction="vertical" size={2} data-testid="triage-unit">
                  <Space wrap size={4}>
                    <Typography.Text strong data-testid="triage-unit-name">
                      {s.handlingUnit.unitName}
                    </Typography.Text>
                    <Tag color="geekblue" data-testid="triage-unit-source">
                      {t(UNIT_SOURCE_KEYS[s.handlingUnit.source])}
                    </Tag>
                  </Space>
                  <Typography.Text type="secondary" data-testid="triage-unit-reason">
                    {unitReason(
                      s.handlingUnit,
                      categoryName(s.category[0]?.categoryId ?? null, s.category[0]?.name ?? null),
                      t,
                    )}
                  </Typography.Text>
                  {s.unitOptions.length > 1 && (
                    <Typography.Text type="secondary">
                      {t("triageOtherUnits")}：
                      {s.unitOptions
                        .slice(1, 4)
                        .map((u) => `${u.unitName}（${t(UNIT_SOURCE_KEYS[u.source])}）`)
                        .join("、")}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t("triageUnitNone")}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Card>
  );
}
