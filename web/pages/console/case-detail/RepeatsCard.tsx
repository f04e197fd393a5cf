import { Alert, App, Button, Card, Empty, List, Progress, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import type { ZRepeatCheckResponse, ZRepeatState } from "../../../../domain/schemas/repeats.ts";
import { ApiError, post } from "../../../api/client.ts";
import { useApi } from "../../../hooks/use-api.ts";
import type { Bi } from "../../../i18n/labels.ts";
import { REPEAT_REASON_LABELS, REPEAT_VERDICT_LABELS, STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";

type Candidates = z.infer<typeof ZRepeatCheckResponse>;
type Candidate = Candidates["candidates"][number];
type RepeatState = z.infer<typeof ZRepeatState>;
type Decision = "merge" | "link" | "repeat_of_terminated" | "keep_new";

export const DECISION_LABELS: Record<Decision, Bi> = {
  merge: { zh: "并入原件", en: "Merge into the original" },
  link: { zh: "关联", en: "Link" },
  repeat_of_terminated: { zh: "重复件不再受理", en: "Repeat of a terminated matter" },
  keep_new: { zh: "作为新件", en: "Keep as new" },
};
const CANDIDATE_DECISIONS: Decision[] = ["merge", "link", "repeat_of_terminated"];

/**
 * Possible repeats (同人+同事) of this case for the registrar and the bureau office, with the
 * score and its reasons; the decision buttons send what the check showed along with the choice.
 */
export function RepeatsCard({ caseId, onDecided }: { caseId: string; onDecided(): void }) {
  const { t, l, locale } = useLocale();
  const { message } = App.useApp();
  const found = useApi<Candidates>(`/api/search/repeats/cases/${caseId}/candidates`);
  const state = useApi<RepeatState>(`/api/search/repeats/cases/${caseId}`);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (decision: Decision, c?: Candidate) => {
    setBusy(`${decision}/${c?.caseId ?? ""}`);
    setError(null);
    try {
      await post(`/api/search/repeats/cases/${caseId}/decisions`, {
        decision,
        ...(c
          ? {
              originalCaseId: c.caseId,
              score: c.score,
              reasons: [...c.personReasons, ...c.matterReasons].slice(0, 20),
            }
          : {}),
      });
      message.success(t("repeatDecided"));
      state.reload();
      found.reload();
      onDecided();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(null);
    }
  };

  const candidates = found.data?.candidates ?? [];
  const decisions = state.data?.decisions ?? [];
  return (
    <Card
      title={t("possibleRepeats")}
      data-testid="repeats"
      extra={
        <Button
          size="small"
          onClick={() => decide("keep_new")}
          loading={busy === "keep_new/"}
          data-decision="keep_new"
        >
          {l(DECISION_LABELS, "keep_new")}
        </Button>
      }
    >
      {(error ?? found.error) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={(error ?? found.error)?.text(locale)}
          data-testid="repeats-error"
        />
      )}
      {found.data && candidates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noRepeats")} />
      ) : (
        <List<Candidate>
          loading={found.loading && !found.data}
          dataSource={candidates}
          renderItem={(c) => (
            <List.Item key={c.caseId} data-candidate={c.caseNumber}>
              <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                <Space wrap>
                  <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link>
                  <Typography.Text>{c.title}</Typography.Text>
                  <Tag>{l(STATUS_LABELS, c.status)}</Tag>
                  <Tag color={c.verdict === "likely_repeat" ? "red" : "default"}>
                    {l(REPEAT_VERDICT_LABELS, c.verdict)}
                  </Tag>
                </Space>
                <Space wrap>
                  <Progress
                    percent={Math.round(c.score * 100)}
                    size="small"
                    style={{ width: 160 }}
                    data-testid="repeat-score"
                  />
                  <Typography.Text type="secondary">
                    {[...c.personReasons, ...c.matterReasons]
                      .map((r) => l(REPEAT_REASON_LABELS, r))
                      .join("、")}{" "}
                    · {dayjs(c.receivedAt).format("YYYY-MM-DD")}
                  </Typography.Text>
                </Space>
                <Space wrap>
                  {CANDIDATE_DECISIONS.map((d) => (
                    <Button
                      key={d}
                      size="small"
                      type={d === c.suggestedDecision ? "primary" : "default"}
                      loading={busy === `${d}/${c.caseId}`}
                      onClick={() => decide(d, c)}
                      data-decision={d}
                    >
                      {l(DECISION_LABELS, d)}
                    </Button>
                  ))}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
      {decisions.length > 0 && (
        <div data-testid="repeat-decisions" style={{ marginTop: 12 }}>
          <Typography.Text strong>{t("repeatDecisions")}</Typography.Text>
          <ul style={{ margin: 0 }}>
            {decisions.map((d) => (
              <li key={d.seq}>
                {l(DECISION_LABELS, d.decision)}
                {d.originalCaseNumber ? ` ${d.originalCaseNumber}` : ""} · {d.decidedBy} ·{" "}
                {dayjs(d.decidedAt).format("YYYY-MM-DD HH:mm")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
