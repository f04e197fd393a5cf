import { Alert, Card, List, Progress, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import type { ZRepeatCheckResponse } from "../../../../domain/schemas/repeats.ts";
import { ApiError, post } from "../../../api/client.ts";
import type { Bi } from "../../../i18n/labels.ts";
import { STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { type DraftValues, toRepeatCheck } from "./repeat-draft.ts";

type Candidate = z.infer<typeof ZRepeatCheckResponse>["candidates"][number];

const REASON_LABELS: Record<string, Bi> = {
  same_id_number: { zh: "身份证号相同", en: "Same ID number" },
  same_phone: { zh: "电话相同", en: "Same phone" },
  same_name_address: { zh: "姓名住址相同", en: "Same name and address" },
  same_category: { zh: "问题类别相同", en: "Same category" },
  related_category: { zh: "问题类别相近", en: "Related category" },
  same_region: { zh: "问题属地相同", en: "Same place" },
  nearby_region: { zh: "问题属地相邻", en: "Nearby place" },
  similar_text: { zh: "内容相似", en: "Similar text" },
  same_names: { zh: "涉及同一单位、项目或金额", en: "Same company, project or sum" },
  different_names: { zh: "涉及不同单位或金额", en: "Different company or sum" },
};
const VERDICT_TEXT: Record<string, Bi> = {
  likely_repeat: { zh: "疑似重复件", en: "Likely repeat" },
  same_person_other_matter: { zh: "同人不同事", en: "Same person, other matter" },
  same_matter_other_person: { zh: "同事不同人", en: "Same matter, other person" },
};

/**
 * Possible repeats of the case being typed, before it is saved: the draft goes to
 * POST /api/search/repeats/check once typing pauses, and the candidates show with score and reasons.
 */
export function RepeatsPreview({ values }: { values: DraftValues }) {
  const { t, l, locale } = useLocale();
  const request = toRepeatCheck(values);
  const key = request ? JSON.stringify(request) : null;
  const [state, setState] = useState<{ key: string; candidates: Candidate[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      setChecking(true);
      post<{ candidates: Candidate[] }>("/api/search/repeats/check", JSON.parse(key)).then(
        (r) => {
          if (!live) return;
          setState({ key, candidates: r.candidates });
          setError(null);
          setChecking(false);
        },
        (e: unknown) => {
          if (!live) return;
          setError(e instanceof ApiError ? e : null);
          setChecking(false);
        },
      );
    }, 600);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  if (!key) return null;
  const candidates = state?.candidates ?? [];
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
      {!error && !checking && state && candidates.length === 0 && (
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
                    {l(VERDICT_TEXT, c.verdict)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {dayjs(c.receivedAt).format("YYYY-MM-DD")}
                  </Typography.Text>
                </Space>
                <Space wrap>
                  <span>{t("repeatScore")}</span>
                  <Progress percent={Math.round(c.score * 100)} size="small" style={{ width: 140 }} />
                  <Typography.Text type="secondary">
                    {[...c.personReasons, ...c.matterReasons].map((r) => l(REASON_LABELS, r)).join("、")}
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
