import { Alert, Card, List, Progress, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import type { z } from "zod";
import type { ZRepeatCheckResponse } from "../../../../domain/schemas/repeats.ts";
import { useDraftCheck } from "../../../hooks/use-draft-check.ts";
import { REPEAT_REASON_LABELS, REPEAT_VERDICT_LABELS, STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { type DraftValues, toRepeatCheck } from "./repeat-draft.ts";

type Candidate = z.infer<typeof ZRepeatCheckResponse>["candidates"][number];

/**
 * Possible repeats of the case being typed, before it is saved: the draft goes to
 * POST /api/search/repeats/check once typing pauses, and the candidates show with score and reasons.
 */
export function RepeatsPreview({ values }: { values: DraftValues }) {
  const { t, l, locale } = useLocale();
  const request = toRepeatCheck(values);
  const key = request ? JSON.stringify(request) : null;
  const { answer, error, checking } = useDraftCheck<{ candidates: Candidate[] }>(
    "/api/search/repeats/check",
    key,
    600,
  );

  if (!key) return null;
  const candidates = answer?.candidates ?? [];
  return (
    <Card
      size="small"
      title={t("repeatsBeforeSave")}
      style={{ marginBottom: 16 }}
      data-testid="repeats-preview"
    >
      {error && <Alert type="warning" title={error.text(locale)} />}
      {!error && checking && candidates.length === 0 && (
        <Typography.Text type="secondary">{t("repeatsChecking")}</Typography.Text>
      )}
      {!error && !checking && answer && candidates.length === 0 && (
        <Typography.Text type="secondary" data-testid="repeats-preview-none">
          {t("repeatsNone")}
        </Typography.Text>
      )}
      {candidates.length > 0 && (
        <List
          size="small"
          dataSource={candidates.slice(0, 5)}
          renderItem={(c) => (
            <List.Item data-testid="repeats-preview-item">
              <Space direction="vertical" size={2} style={{ width: "100%" }}>
                <Space wrap>
                  <Link to={`/cases/${c.caseId}`} target="_blank">
                    {c.caseNumber}
                  </Link>
                  <Typography.Text>{c.title}</Typography.Text>
                  <Tag>{l(STATUS_LABELS, c.status)}</Tag>
                  <Tag color={c.verdict === "likely_repeat" ? "red" : "default"}>
                    {l(REPEAT_VERDICT_LABELS, c.verdict)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {dayjs(c.receivedAt).format("YYYY-MM-DD")}
                  </Typography.Text>
                </Space>
                <Space wrap>
                  <span>{t("repeatScore")}</span>
                  <Progress percent={Math.round(c.score * 100)} size="small" style={{ width: 140 }} />
                  <Typography.Text type="secondary">
                    {[...c.personReasons, ...c.matterReasons]
                      .map((r) => l(REPEAT_REASON_LABELS, r))
                      .join("、")}
                  </Typography.Text>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
