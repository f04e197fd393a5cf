import { App, Button, Card, Descriptions, Empty, Form, List, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import {
  HEARING_PARTICIPANT_ROLES,
  REPORT_RECIPIENTS,
  type TCaseSteps,
} from "../../../../domain/schemas/steps.ts";
import { post } from "../../../api/client.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { HEARING_STATUS_LABELS } from "../../../i18n/steps-messages.ts";
import { StepDialog, type StepDialogKind } from "./StepDialog.tsx";

const time = (iso: string) => dayjs(iso).format("YYYY-MM-DD HH:mm");

/**
 * Reports up (第二十五条), hearings and mediation agreements of a case: each record with its
 * document, and the buttons the server's abilities allow. The documents are issued by the server
 * with each step and listed in the documents card too.
 */
export function StepsCard({ caseId, onChanged }: { caseId: string; onChanged(): void }) {
  const { t, l } = useLocale();
  const { message } = App.useApp();
  const steps = useApi<TCaseSteps>(`/api/cases/${caseId}/steps`);
  const [dialog, setDialog] = useState<StepDialogKind>(null);
  const [form] = Form.useForm();
  const data = steps.data;
  if (!data) return null;
  const ab = data.abilities;
  const waiting = data.hearings.find((h) => h.status === "scheduled");
  const base = `/api/cases/${caseId}`;
  const doc = (d: { id: string; title: string; hasPdf: boolean } | null) =>
    d && (
      <Space size="small">
        <Typography.Text type="secondary">{d.title}</Typography.Text>
        <a href={`${base}/documents/${d.id}/docx`} data-download="step-docx" download>
          Word
        </a>
        {d.hasPdf && (
          <a href={`${base}/documents/${d.id}/pdf`} data-download="step-pdf" download>
            PDF
          </a>
        )}
      </Space>
    );

  const send = async (url: string, body: unknown) => {
    await post<TCaseSteps>(url, body);
    setDialog(null);
    form.resetFields();
    message.success(t("stepSaved"));
    steps.reload();
    onChanged();
  };
  const clock = data.reportUpClock;
  const clockTag =
    clock.state === "met" ? (
      <Tag color="green">{t("reportOnTime")}</Tag>
    ) : clock.state === "breached" ? (
      <Tag color="red">{t("reportLate")}</Tag>
    ) : clock.state === "overdue" ? (
      <Tag color="red">{t("clockOverdue")}</Tag>
    ) : (
      <Tag color="blue">{t("clockOk")}</Tag>
    );
  const nothing = data.reportsUp.length + data.hearings.length + data.mediations.length === 0;

  return (
    <Card
      title={t("stepsCard")}
      data-testid="case-steps"
      extra={
        <Space wrap>
          {ab.reportUp && (
            <Button onClick={() => setDialog({ kind: "report" })} data-step="report-up">
              {t("reportUp")}
            </Button>
          )}
          {ab.hearing && !waiting && (
            <Button onClick={() => setDialog({ kind: "hearing" })} data-step="schedule-hearing">
              {t("scheduleHearing")}
            </Button>
          )}
          {ab.mediation && (
            <Button onClick={() => setDialog({ kind: "mediation" })} data-step="mediation">
              {t("recordMediation")}
            </Button>
          )}
        </Space>
      }
    >
      {(clock.required || data.reportsUp.length > 0) && (
        <Typography.Paragraph data-testid="report-up-clock">
          {t("reportUpClock", { hours: String(clock.withinHours), due: time(clock.dueAt) })} {clockTag}
        </Typography.Paragraph>
      )}
      {nothing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noSteps")} />}
      {data.reportsUp.length > 0 && (
        <List
          header={<Typography.Text strong>{t("reportsUp")}</Typography.Text>}
          dataSource={data.reportsUp}
          data-testid="reports-up"
          renderItem={(r) => (
            <List.Item
              actions={
                ab.recordInstruction
                  ? [
                      <Button
                        key="i"
                        size="small"
                        onClick={() => setDialog({ kind: "instruction", reportId: r.id })}
                        data-step="instruction"
                      >
                        {t("recordInstruction")}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <span>{time(r.reportedAt)}</span>
                  <span>{r.recipients.map((x) => l(REPORT_RECIPIENTS, x)).join("、")}</span>
                  {r.onTime ? (
                    <Tag color="green">{t("reportOnTime")}</Tag>
                  ) : (
                    <Tag color="red">{t("reportLate")}</Tag>
                  )}
                  <span>{r.reportedBy}</span>
                </Space>
                <Typography.Text>{r.content}</Typography.Text>
                {doc(r.document)}
                {r.instructions.map((i) => (
                  <Typography.Text key={i.id} type="secondary" data-testid="instruction">
                    {t("instructions")}：{i.instructedBy}（{time(i.instructedAt)}）：{i.content}
                  </Typography.Text>
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
      {data.hearings.length > 0 && (
        <List
          header={<Typography.Text strong>{t("hearings")}</Typography.Text>}
          dataSource={data.hearings}
          data-testid="hearings"
          renderItem={(h) => (
            <List.Item
              actions={
                h.status === "scheduled" && ab.hearing
                  ? [
                      <Button
                        key="r"
                        size="small"
                        onClick={() => setDialog({ kind: "record", hearingId: h.id })}
                        data-step="record-hearing"
                      >
                        {t("recordHearing")}
                      </Button>,
                      <Button
                        key="m"
                        size="small"
                        onClick={() => setDialog({ kind: "reschedule", hearingId: h.id })}
                        data-step="reschedule-hearing"
                      >
                        {t("rescheduleHearing")}
                      </Button>,
                      <Button
                        key="c"
                        size="small"
                        onClick={() => setDialog({ kind: "cancel", hearingId: h.id })}
                      >
                        {t("cancelHearing")}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <Tag>{l(HEARING_STATUS_LABELS, h.status)}</Tag>
                  <span>{time(h.startsAt)}</span>
                  <span>{h.place}</span>
                  <span>
                    {t("hearingHost")}：{h.host}
                  </span>
                </Space>
                <Typography.Text type="secondary">
                  {h.participants
                    .map((p) => `${p.name}（${l(HEARING_PARTICIPANT_ROLES, p.role)}）`)
                    .join("、")}
                </Typography.Text>
                {h.status === "held" && (
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t("heldOn")}>{h.heldOn}</Descriptions.Item>
                    <Descriptions.Item label={t("hearingOutcome")}>{h.outcome}</Descriptions.Item>
                  </Descriptions>
                )}
                {h.clockMoves.map((m) => (
                  <Typography.Text key={`${m.clock}-${m.step}`} data-testid="clock-moved">
                    {t("clockMoved", { days: String(m.days), from: m.fromDue, to: m.toDue })}
                  </Typography.Text>
                ))}
                {doc(h.notice)}
                {doc(h.recordDocument)}
              </Space>
            </List.Item>
          )}
        />
      )}
      {data.mediations.length > 0 && (
        <List
          header={<Typography.Text strong>{t("mediations")}</Typography.Text>}
          dataSource={data.mediations}
          data-testid="mediations"
          renderItem={(m) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <span>{m.signedOn}</span>
                  <span>{m.parties.map((p) => `${p.name}（${p.role}）`).join("、")}</span>
                  <span>
                    {t("mediator")}：{m.mediator}
                  </span>
                </Space>
                <Typography.Text>{m.terms}</Typography.Text>
                {doc(m.document)}
              </Space>
            </List.Item>
          )}
        />
      )}

      <StepDialog dialog={dialog} base={base} form={form} send={send} onCancel={() => setDialog(null)} />
    </Card>
  );
}
