import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { type ReactNode, useState } from "react";
import {
  HEARING_PARTICIPANT_ROLES,
  REPORT_RECIPIENTS,
  type TCaseSteps,
} from "../../../../domain/schemas/steps.ts";
import { post } from "../../../api/client.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { HEARING_STATUS_LABELS } from "../../../i18n/steps-messages.ts";
import { FormModal } from "./FormModal.tsx";
import { type HearingValues, hearingBody, partiesFrom, shanghaiIso } from "./steps-form.ts";

type Dialog =
  | { kind: "report" }
  | { kind: "instruction"; reportId: string }
  | { kind: "hearing" }
  | { kind: "record"; hearingId: string }
  | { kind: "cancel"; hearingId: string }
  | { kind: "mediation" }
  | null;

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
  const [dialog, setDialog] = useState<Dialog>(null);
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
  const modal = (
    title: string,
    name: string,
    help: string,
    onSubmit: (v: never) => Promise<void>,
    children: ReactNode,
  ) => (
    <FormModal
      title={title}
      name={name}
      form={form}
      help={help}
      onSubmit={onSubmit as (v: unknown) => Promise<void>}
      onCancel={() => setDialog(null)}
    >
      {children}
    </FormModal>
  );
  const required = [{ required: true, whitespace: true, message: t("required") }];

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

      {dialog?.kind === "report" &&
        modal(
          t("reportUp"),
          "report-up",
          t("reportUpHelp"),
          (v: { recipients: string[]; content: string }) => send(`${base}/reports-up`, v),
          <>
            <Form.Item
              name="recipients"
              label={t("reportRecipients")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Checkbox.Group
                options={Object.keys(REPORT_RECIPIENTS).map((k) => ({
                  value: k,
                  label: l(REPORT_RECIPIENTS, k),
                }))}
              />
            </Form.Item>
            <Form.Item name="content" label={t("reportContent")} rules={required}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "instruction" &&
        modal(
          t("recordInstruction"),
          "instruction",
          t("recordInstructionHelp"),
          (v: { instructedBy: string; instructedAt: string; content: string }) =>
            send(`${base}/reports-up/${dialog.reportId}/instructions`, {
              ...v,
              instructedAt: shanghaiIso(v.instructedAt),
            }),
          <>
            <Form.Item name="instructedBy" label={t("instructedBy")} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="instructedAt" label={t("instructedAt")} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="content" label={t("instructionContent")} rules={required}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "hearing" &&
        modal(
          t("scheduleHearing"),
          "hearing",
          t("scheduleHearingHelp"),
          (v: HearingValues) => send(`${base}/hearings`, hearingBody(v)),
          <>
            <Form.Item name="startsAt" label={t("hearingTime")} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="place" label={t("hearingPlace")} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="host" label={t("hearingHost")} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="petitioners"
              label={t("hearingPetitioners")}
              rules={[
                ({ getFieldValue }) => ({
                  validator: () =>
                    ["petitioners", "units", "thirdParties"].some((f) =>
                      String(getFieldValue(f) ?? "").trim(),
                    )
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("hearingNeedsParticipant"))),
                }),
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="units" label={t("hearingUnits")}>
              <Input />
            </Form.Item>
            <Form.Item name="thirdParties" label={t("hearingThirdParties")}>
              <Input />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "record" &&
        modal(
          t("recordHearing"),
          "record-hearing",
          t("recordHearingHelp"),
          (v: { heldOn: string; record: string; outcome: string }) =>
            send(`${base}/hearings/${dialog.hearingId}/record`, v),
          <>
            <Form.Item name="heldOn" label={t("heldOn")} rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="record" label={t("hearingRecord")} rules={required}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <Form.Item name="outcome" label={t("hearingOutcome")} rules={required}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "cancel" &&
        modal(
          t("cancelHearing"),
          "cancel-hearing",
          t("cancelHearingHelp"),
          (v: { reason: string }) => send(`${base}/hearings/${dialog.hearingId}/cancel`, v),
          <Form.Item name="reason" label={t("reason")} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>,
        )}
      {dialog?.kind === "mediation" &&
        modal(
          t("recordMediation"),
          "mediation",
          t("recordMediationHelp"),
          (v: { parties: string; terms: string; signedOn: string; mediator: string }) =>
            send(`${base}/mediations`, { ...v, parties: partiesFrom(v.parties) }),
          <>
            <Form.Item
              name="parties"
              label={t("mediationParties")}
              rules={[
                ...required,
                {
                  validator: (_: unknown, v: string | undefined) =>
                    partiesFrom(v ?? "").length >= 2
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("mediationPartiesRule"))),
                },
              ]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="terms" label={t("mediationTerms")} rules={required}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <Form.Item name="signedOn" label={t("signedOn")} rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="mediator" label={t("mediator")} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
          </>,
        )}
    </Card>
  );
}
