import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useLocation, useSearchParams } from "react-router";
import { ApiError, post } from "../../../api/client.ts";
import { downloadPost } from "../../../api/download.ts";
import type { PublicStatus } from "../../../api/types.ts";
import {
  CITIZEN_STATUS_LABELS,
  CITIZEN_STEP_FALLBACK,
  CITIZEN_STEP_TEXT,
  OPINION_LABELS,
  RATING_LABELS,
} from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { citizenEvents, nextDateNotice } from "./citizen-view.ts";

interface Codes {
  caseNumber: string;
  queryCode: string;
}
type Rating = "satisfied" | "basically_satisfied" | "dissatisfied";
const RATINGS: Rating[] = ["satisfied", "basically_satisfied", "dissatisfied"];

function RateForm({ codes, onDone }: { codes: Codes; onDone(s: PublicStatus): void }) {
  const { t, l, locale } = useLocale();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const options = RATINGS.map((r) => ({ value: r, label: l(RATING_LABELS, r) }));
  return (
    <Card size="small" title={t("rateIt")} data-testid="rate-form">
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 12 }} />}
      <Form<{ bureauRating: Rating; unitRating: Rating; comment?: string }>
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          try {
            onDone(
              await post<PublicStatus>("/api/public/evaluate", {
                ...codes,
                bureauRating: v.bureauRating,
                unitRating: v.unitRating,
                ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
              }),
            );
          } catch (e) {
            if (e instanceof ApiError) setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="bureauRating"
          label={t("bureauRating")}
          rules={[{ required: true, message: t("required") }]}
        >
          <Radio.Group options={options} data-testid="rate-bureau" />
        </Form.Item>
        <Form.Item
          name="unitRating"
          label={t("unitRating")}
          rules={[{ required: true, message: t("required") }]}
        >
          <Radio.Group options={options} data-testid="rate-unit" />
        </Form.Item>
        <Form.Item name="comment" label={`${t("comment")}（${t("optional")}）`}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="rate-submit">
          {t("submit")}
        </Button>
      </Form>
    </Card>
  );
}

function AppealForm({
  codes,
  kind,
  onDone,
}: {
  codes: Codes;
  kind: "review" | "reexam";
  onDone(s: PublicStatus): void;
}) {
  const { t, locale } = useLocale();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const label = kind === "review" ? t("requestReview") : t("requestReexam");
  if (!open)
    return (
      <Button block onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  return (
    <Card size="small" title={label}>
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 12 }} />}
      <Form<{ reason: string }>
        layout="vertical"
        onFinish={async (v) => {
          try {
            onDone(
              await post<PublicStatus>(`/api/public/request-${kind}`, { ...codes, reason: v.reason.trim() }),
            );
            setOpen(false);
          } catch (e) {
            if (e instanceof ApiError) setError(e);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={t("reason")}
          rules={[{ required: true, whitespace: true, message: t("required") }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t("submit")}
        </Button>
      </Form>
    </Card>
  );
}

function DocumentList({ codes, documents }: { codes: Codes; documents: PublicStatus["documents"] }) {
  const { t, locale } = useLocale();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const save = async (documentId: string, format: "docx" | "pdf", title: string) => {
    setBusy(`${documentId}/${format}`);
    setError(null);
    try {
      await downloadPost(
        "/api/public/documents",
        { ...codes, documentId, format },
        `${codes.caseNumber}-${title}.${format}`,
      );
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t("yourDocuments")} data-testid="track-documents">
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 12 }} />}
      <Space orientation="vertical" style={{ width: "100%" }}>
        {documents.map((d) => (
          <div key={d.id} data-document={d.kind}>
            <Typography.Text strong>{d.title}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{dayjs(d.generatedAt).format("YYYY-MM-DD")}</Typography.Text>
            <Space style={{ marginTop: 4, display: "flex" }}>
              <Button
                size="small"
                loading={busy === `${d.id}/docx`}
                onClick={() => save(d.id, "docx", d.title)}
                data-download="docx"
              >
                Word
              </Button>
              {d.hasPdf && (
                <Button
                  size="small"
                  loading={busy === `${d.id}/pdf`}
                  onClick={() => save(d.id, "pdf", d.title)}
                  data-download="pdf"
                >
                  PDF
                </Button>
              )}
            </Space>
          </div>
        ))}
      </Space>
    </Card>
  );
}

/** Track a petition with its number and query code: plain-words timeline, the date that matters, the answer. */
export function TrackPage() {
  const { t, l, locale } = useLocale();
  const [params] = useSearchParams();
  const location = useLocation();
  const passed = (location.state as { queryCode?: string } | null)?.queryCode;
  const [status, setStatus] = useState<PublicStatus | null>(null);
  const [codes, setCodes] = useState<Codes | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const pick = (b: { zh: string; en: string }) => (locale === "en" ? b.en : b.zh);

  const lookUp = async (v: Codes) => {
    setBusy(true);
    setError(null);
    const c = { caseNumber: v.caseNumber.trim(), queryCode: v.queryCode.trim() };
    try {
      setStatus(await post<PublicStatus>("/api/public/status", c));
      setCodes(c);
    } catch (e) {
      setStatus(null);
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const notice = status ? nextDateNotice(status) : null;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Card title={t("portalTrack")}>
        <Form<Codes>
          layout="vertical"
          onFinish={lookUp}
          initialValues={{ caseNumber: params.get("caseNumber") ?? "", queryCode: passed ?? "" }}
          name="portal-track"
        >
          <Form.Item
            name="caseNumber"
            label={t("caseNumber")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="queryCode"
            label={t("queryCode")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="track-submit">
            {t("query")}
          </Button>
        </Form>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            data-testid="track-error"
            title={error.code === "QUERY_CODE_INVALID" ? t("notFoundByCode") : error.text(locale)}
          />
        )}
      </Card>
      {status && codes && (
        <>
          <Card data-testid="track-result">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("caseNumber")}>{status.caseNumber}</Descriptions.Item>
              <Descriptions.Item label={t("title")}>{status.title}</Descriptions.Item>
              <Descriptions.Item label={t("currentStatus")}>
                <Tag color="blue" data-testid="track-status">
                  {l(CITIZEN_STATUS_LABELS, status.status)}
                </Tag>
              </Descriptions.Item>
            </Descriptions>
            {notice && (
              <Alert
                type={notice.date ? "warning" : "info"}
                showIcon
                data-testid="next-date"
                title={t(notice.key, {
                  date: notice.date ?? "",
                  body: notice.body ?? "",
                  days: notice.days ?? "",
                })}
              />
            )}
            {status.provisional && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                data-testid="provisional"
                title={t("provisionalDue")}
              />
            )}
          </Card>
          {status.reply && (
            <Card title={t("theAnswer")} data-testid="track-reply">
              <Tag color="green">{l(OPINION_LABELS, status.reply.opinion)}</Tag>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 8 }}>
                {status.reply.text}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                {t("legalBasis")}：{status.reply.legalBasis}
              </Typography.Text>
            </Card>
          )}
          {status.review && (
            <Card title={t("reviewOpinion")}>
              <Tag>{l(OPINION_LABELS, status.review.opinion)}</Tag>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 8 }}>
                {status.review.text}
              </Typography.Paragraph>
            </Card>
          )}
          {status.rating && (
            <Card size="small" title={t("rated")} data-testid="track-rating">
              {t("bureauRating")}：{l(RATING_LABELS, status.rating.bureau)}
              <br />
              {t("unitRating")}：{l(RATING_LABELS, status.rating.unit)}
            </Card>
          )}
          {status.documents.length > 0 && <DocumentList codes={codes} documents={status.documents} />}
          {status.canEvaluate && <RateForm codes={codes} onDone={setStatus} />}
          {status.canRequestReview && <AppealForm codes={codes} kind="review" onDone={setStatus} />}
          {status.canRequestReexam && <AppealForm codes={codes} kind="reexam" onDone={setStatus} />}
          <Card title={t("timeline")}>
            <Timeline
              data-testid="track-timeline"
              items={citizenEvents(status).map((e, i) => ({
                key: `${i}`,
                content: (
                  <div>
                    <Typography.Text>
                      {pick(CITIZEN_STEP_TEXT[e.action] ?? CITIZEN_STEP_FALLBACK)}
                    </Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {dayjs(e.at).format("YYYY-MM-DD HH:mm")}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
