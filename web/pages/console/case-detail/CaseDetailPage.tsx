import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { REGISTERING_ROLES } from "../../../../domain/auth/roles.ts";
import type { CaseAction } from "../../../../domain/workflow/transitions.ts";
import type { CaseDetail } from "../../../api/types.ts";
import { isAccusation } from "../../../components/accusation.ts";
import { FoldText } from "../../../components/FoldText.tsx";
import { ImportedTag } from "../../../components/ImportedTag.tsx";
import { ProvisionalTag } from "../../../components/ProvisionalTag.tsx";
import { useOptionalMe } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  CLOCK_LABELS,
  CLOCK_STATE_LABELS,
  DESTINATION_LABELS,
  EVENT_LABELS,
  NATURE_LABELS,
  OPINION_LABELS,
  RATING_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
} from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { RATING_CHANNEL_LABELS } from "../../../i18n/reclassify-messages.ts";
import { AccusationCard } from "./AccusationCard.tsx";
import { ActionModal } from "./ActionModal.tsx";
import { AttachmentsPanel } from "./AttachmentsPanel.tsx";
import { actionButtons, PRIMARY_ACTIONS } from "./action-fields.ts";
import { CaseFieldsCard } from "./CaseFieldsCard.tsx";
import { CaseWarningsCard } from "./CaseWarningsCard.tsx";
import { DocumentsPanel } from "./DocumentsPanel.tsx";
import { ReclassifyButton } from "./ReclassifyButton.tsx";
import { RecordRatingButton } from "./RecordRatingButton.tsx";
import { ReferAppealButton } from "./ReferAppealButton.tsx";
import { ReissueQueryCodeButton } from "./ReissueQueryCodeButton.tsx";
import { RepeatsCard } from "./RepeatsCard.tsx";
import { StepsCard } from "./StepsCard.tsx";

const when = (iso: string | null) => (iso ? dayjs(iso).format("YYYY-MM-DD HH:mm") : "");
/** Labels keep one width and one line, however long the text beside them (a 20,000-character petition). */
const LABEL_STYLE = { width: 112, minWidth: 112, whiteSpace: "nowrap" } as const;
const CLOCK_COLOR: Record<string, string> = { running: "blue", met: "green", breached: "red" };

/** One case: fields, petitioners (masked), timeline, clocks, attachments, and the steps the server allows. */
export function CaseDetailPage() {
  const { id } = useParams();
  const { t, l, locale } = useLocale();
  const loaded = useApi<CaseDetail>(id ? `/api/cases/${id}` : null);
  const [detail, setDetail] = useState<CaseDetail | undefined>(undefined);
  const [action, setAction] = useState<CaseAction | null>(null);
  const me = useOptionalMe();
  // The repeat check answers the registering roles only (server/routes/search/repeats.ts).
  const mayDecideRepeats = me?.roles.some((r) => REGISTERING_ROLES.includes(r)) ?? false;
  useEffect(() => setDetail(loaded.data), [loaded.data]);

  if (loaded.error)
    return <Alert type="error" showIcon title={loaded.error.text(locale)} data-testid="case-error" />;
  if (!detail) return <Spin style={{ margin: 48 }} />;
  const c = detail;
  const buttons = actionButtons(c.abilities);
  const eventLabel = (a: string) => (a in ACTION_LABELS ? l(ACTION_LABELS, a) : l(EVENT_LABELS, a));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="case-number">{c.caseNumber}</span>
            <Tag color="blue" data-testid="case-status">
              {l(STATUS_LABELS, c.status)}
            </Tag>
            {c.isImported && <ImportedTag ledgerNumber={c.ledgerNumber} showNumber />}
            {c.isConfidential && (
              <Tag color="red" data-testid="case-confidential">
                {t("confidentialOn")}
              </Tag>
            )}
          </Space>
        }
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {c.title}
        </Typography.Title>
        <div data-testid="case-actions">
          <Typography.Text type="secondary">{t("actions")}：</Typography.Text>
          {buttons.length === 0 ? (
            <Typography.Text type="secondary">{t("noActions")}</Typography.Text>
          ) : (
            <Space wrap>
              {buttons.map((a) => (
                <Button
                  key={a}
                  type={PRIMARY_ACTIONS.has(a) ? "primary" : "default"}
                  onClick={() => setAction(a)}
                  data-action={a}
                >
                  {l(ACTION_LABELS, a)}
                </Button>
              ))}
            </Space>
          )}
        </div>
        <div style={{ marginTop: 8 }}>
          <Space wrap>
            <ReclassifyButton c={c} onChanged={setDetail} />
            <RecordRatingButton c={c} onChanged={setDetail} />
            <ReferAppealButton c={c} onChanged={loaded.reload} />
            <ReissueQueryCodeButton c={c} />
          </Space>
        </div>
      </Card>
      {isAccusation(c) && <AccusationCard c={c} onChanged={setDetail} />}
      <CaseWarningsCard key={`warnings-${c.status}`} caseId={c.id} />
      <Card title={t("detailTitle")}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
          styles={{ label: LABEL_STYLE, content: { overflowWrap: "anywhere" } }}
          data-testid="case-fields"
        >
          <Descriptions.Item label={t("channel")}>{l(CHANNEL_LABELS, c.channel)}</Descriptions.Item>
          <Descriptions.Item label={t("nature")}>{l(NATURE_LABELS, c.nature)}</Descriptions.Item>
          <Descriptions.Item label={t("category")}>{c.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t("region")}>{c.regionName}</Descriptions.Item>
          <Descriptions.Item label={t("receivedAt")}>{when(c.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("severity")}>{l(SEVERITY_LABELS, c.severity)}</Descriptions.Item>
          <Descriptions.Item label={t("headcount")}>{c.headcount}</Descriptions.Item>
          <Descriptions.Item label={t("batchCount")}>{c.batchCount}</Descriptions.Item>
          {c.destinationLevel && (
            <Descriptions.Item label={t("destinationLevel")}>
              {l(DESTINATION_LABELS, c.destinationLevel)}
              {c.upperRegistered !== null &&
                `（${t("upperRegistered")}：${t(c.upperRegistered ? "yes" : "no")}）`}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("collective")}>{c.isCollective ? t("yes") : t("no")}</Descriptions.Item>
          <Descriptions.Item label={t("content")} span={3}>
            <FoldText text={c.content} testId="case-content" />
          </Descriptions.Item>
          {c.draftOpinion && (
            <Descriptions.Item label={t("draftOpinion")} span={3}>
              <FoldText text={c.draftOpinion} />
            </Descriptions.Item>
          )}
          {c.reply && (
            <Descriptions.Item label={t("reply")} span={3}>
              <Tag>{l(OPINION_LABELS, c.reply.opinion)}</Tag>
              <FoldText text={c.reply.text} />
              <br />
              {t("legalBasis")}：{c.reply.legalBasis}
              {c.reply.reviewRequestUntil && (
                <>
                  <br />
                  {t("reviewUntil")}：{c.reply.reviewRequestUntil}
                </>
              )}
            </Descriptions.Item>
          )}
          {c.rating && (
            <Descriptions.Item label={t("rating")} span={3}>
              <span data-testid="case-rating">
                {t("bureauRating")}：{l(RATING_LABELS, c.rating.bureau)}；{t("unitRating")}：
                {l(RATING_LABELS, c.rating.unit)}
                {c.rating.comment ? `；${c.rating.comment}` : ""}
                {`（${l(RATING_CHANNEL_LABELS, c.rating.channel)}）`}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {/* The category's fields and payments; remounted when 调整分类 changes the category. */}
      <CaseFieldsCard key={c.categoryId ?? "none"} caseId={c.id} />
      <Card title={t("petitioners")}>
        <Table
          rowKey="position"
          size="small"
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={c.petitioners}
          data-testid="petitioners"
          columns={[
            { title: t("name"), dataIndex: "name" },
            { title: t("idNumber"), dataIndex: "idNumber" },
            { title: t("phone"), dataIndex: "phone" },
            { title: t("address"), dataIndex: "address" },
            {
              title: t("representative"),
              dataIndex: "isRepresentative",
              render: (v: boolean) => (v ? t("yes") : ""),
            },
          ]}
        />
      </Card>
      <Card title={t("clocks")}>
        {(() => {
          const paused = c.clocks.find((k) => k.paused)?.paused;
          return paused ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="clock-paused-note"
              title={t("clockPausedNote", { since: paused.since })}
            />
          ) : null;
        })()}
        <Table
          rowKey={(k) => `${k.clock}/${k.step}`}
          size="small"
          pagination={false}
          scroll={{ x: 600 }}
          dataSource={c.clocks}
          data-testid="clocks"
          columns={[
            { title: t("clock"), dataIndex: "clock", render: (v: string) => l(CLOCK_LABELS, v) },
            { title: t("step"), dataIndex: "step", render: (v: string) => l(STEP_LABELS, v) },
            { title: t("startedOn"), dataIndex: "startedOn" },
            {
              title: t("dueOn"),
              dataIndex: "dueOn",
              render: (v: string, k: CaseDetail["clocks"][number]) => (
                <>
                  {v} <ProvisionalTag provisional={k.provisional} />
                  {k.paused && (
                    <Tag color="blue" data-paused="true">
                      {t("clockPaused", { date: k.paused.hearingOn })}
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: t("clockState"),
              dataIndex: "state",
              render: (v: string, k: CaseDetail["clocks"][number]) =>
                k.paused ? (
                  <Tag color="blue">{t("clockStatePaused")}</Tag>
                ) : (
                  <Tag color={CLOCK_COLOR[v]}>{l(CLOCK_STATE_LABELS, v)}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t("timeline")}>
        <Timeline
          data-testid="timeline"
          items={c.events.map((e) => ({
            key: e.seq,
            content: (
              <div>
                <Typography.Text strong>{eventLabel(e.action)}</Typography.Text>{" "}
                {e.toStatus && <Tag>{l(STATUS_LABELS, e.toStatus)}</Tag>}
                <br />
                <Typography.Text type="secondary">
                  {when(e.at)} · {t("by")}：{e.actor}
                </Typography.Text>
                {e.note && <FoldText text={e.note} />}
              </div>
            ),
          }))}
        />
      </Card>
      <AttachmentsPanel c={c} onUploaded={loaded.reload} />
      {mayDecideRepeats && <RepeatsCard key={c.status} caseId={c.id} onDecided={loaded.reload} />}
      <StepsCard key={`steps-${c.status}`} caseId={c.id} onChanged={loaded.reload} />
      {/* Remounted after a step: the kinds that may be issued follow the case. */}
      <DocumentsPanel key={`${c.status}-${c.events.length}`} caseId={c.id} />
      {action && (
        <ActionModal
          caseId={c.id}
          action={action}
          onCancel={() => setAction(null)}
          onDone={(updated) => {
            setAction(null);
            setDetail(updated);
          }}
        />
      )}
    </Space>
  );
}
