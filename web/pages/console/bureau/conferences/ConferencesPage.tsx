import { Button, Card, DatePicker, Descriptions, Form, Input, Space, Switch, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import type { z } from "zod";
import {
  ZCancel,
  type ZConference,
  ZConferenceCreate,
  type ZConferenceFigures,
  type ZConferenceSummary,
  type ZDecision,
  ZMinutes,
  ZProgress,
} from "../../../../../domain/schemas/bureau/conferences.ts";
import { Field, FormButton, ReasonButton } from "../form.tsx";
import {
  clean,
  DownloadButton,
  day,
  ModulePage,
  pct,
  ServerError,
  StatusTag,
  useB,
  useRecord,
} from "../kit.tsx";
import { AREA_KINDS, CaseLink, CaseSelect, RESPONSIBLE_KINDS, UnitSelect } from "../pickers.tsx";
import { FiguresPanel, RecordList } from "../record-list.tsx";

type Conference = z.infer<typeof ZConference>;
type Summary = z.infer<typeof ZConferenceSummary>;
type Decision = z.infer<typeof ZDecision>;
type Figures = z.infer<typeof ZConferenceFigures>;
const BASE = "/api/bureau/conferences";
const CONFERENCE_STATUSES = ["planned", "held", "cancelled"] as const;
const DECISION_STATUSES = ["open", "done"] as const;

function ConveneButton({ onDone }: { onDone(): void }) {
  const { b } = useB();
  return (
    <FormButton<{
      areaUnitId: string;
      title: string;
      meetingOn: Dayjs;
      place: string;
      chairName: string;
      attendees: { unitId?: string; name: string }[];
      agenda: { topic: string; caseId?: string }[];
    }>
      label={b("newConference")}
      primary
      width={800}
      url={BASE}
      schema={ZConferenceCreate}
      initialValues={{ attendees: [{ name: "" }], agenda: [{ topic: "" }] }}
      toBody={(v) => clean({ ...v, meetingOn: day(v.meetingOn) })}
      onDone={onDone}
    >
      <Field name="areaUnitId" label={b("area")}>
        <UnitSelect kinds={AREA_KINDS} />
      </Field>
      <Field name="title" label={b("conferenceTitle")}>
        <Input />
      </Field>
      <Space wrap>
        <Field name="meetingOn" label={b("date")}>
          <DatePicker />
        </Field>
        <Field name="place" label={b("place")}>
          <Input />
        </Field>
        <Field name="chairName" label={b("chairName")}>
          <Input />
        </Field>
      </Space>
      <Card size="small" title={b("attendees")} style={{ marginBottom: 12 }}>
        <Form.List name="attendees">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, "unitId"]} style={{ width: 220 }}>
                    <UnitSelect kinds={RESPONSIBLE_KINDS} />
                  </Form.Item>
                  <Form.Item name={[f.name, "name"]} rules={[{ required: true }]}>
                    <Input placeholder={b("name")} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{b("remove")}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ name: "" })}>{b("add")}</Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={b("agenda")}>
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, "topic"]} rules={[{ required: true }]}>
                    <Input placeholder={b("topic")} style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, "caseId"]} style={{ width: 280 }}>
                    <CaseSelect />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{b("remove")}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ topic: "" })}>{b("add")}</Button>
            </>
          )}
        </Form.List>
      </Card>
    </FormButton>
  );
}

function ProgressButton({ d, onDone }: { d: Decision; onDone(): void }) {
  const { b } = useB();
  if (d.status !== "open") return null;
  return (
    <FormButton<{ text: string; done?: boolean }>
      label={b("progress")}
      size="small"
      url={`${BASE}/decisions/${d.id}/progress`}
      schema={ZProgress}
      toBody={(v) => ({ text: v.text, done: Boolean(v.done) })}
      onDone={onDone}
    >
      <Field name="text" label={b("progress")}>
        <Input.TextArea rows={3} />
      </Field>
      <Form.Item name="done" label={b("markDecisionDone")} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormButton>
  );
}

function decisionColumns(b: ReturnType<typeof useB>["b"], onDone: () => void) {
  return [
    { title: "#", dataIndex: "position" },
    { title: b("decisionText"), dataIndex: "text" },
    { title: b("unit"), dataIndex: "unitName" },
    {
      title: b("dueOn"),
      render: (_: unknown, d: Decision) => (
        <span>
          {d.dueOn} {d.isOverdue && <Tag color="red">!</Tag>}
        </span>
      ),
    },
    { title: b("case"), render: (_: unknown, d: Decision) => <CaseLink c={d.case} /> },
    {
      title: b("status"),
      render: (_: unknown, d: Decision) => <StatusTag group="decisionStatus" value={d.status} />,
    },
    {
      title: b("progress"),
      render: (_: unknown, d: Decision) => d.notes.map((n) => `${n.seq}. ${n.text}`).join("；"),
    },
    { title: b("actions"), render: (_: unknown, d: Decision) => <ProgressButton d={d} onDone={onDone} /> },
  ];
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { b } = useB();
  const { data, error, done } = useRecord<Conference>(`${BASE}/${id}`, onChange);
  if (!data) return <ServerError error={error} />;
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={b("conferenceTitle")}>{data.title}</Descriptions.Item>
        <Descriptions.Item label={b("area")}>{data.areaName}</Descriptions.Item>
        <Descriptions.Item label={b("date")}>{data.meetingOn}</Descriptions.Item>
        <Descriptions.Item label={b("place")}>{data.place}</Descriptions.Item>
        <Descriptions.Item label={b("chairName")}>{data.chairName}</Descriptions.Item>
        <Descriptions.Item label={b("status")}>
          <StatusTag group="conferenceStatus" value={data.status} />
        </Descriptions.Item>
        <Descriptions.Item label={b("attendees")}>
          {data.attendees.map((a) => [a.unitName, a.name].filter(Boolean).join(" ")).join("；")}
        </Descriptions.Item>
        <Descriptions.Item label={b("agenda")}>
          {data.agenda.map((g) => (
            <div key={g.position}>
              {g.position}. {g.topic} {g.case && <CaseLink c={g.case} />}
            </div>
          ))}
        </Descriptions.Item>
        {data.summary && <Descriptions.Item label={b("minutes")}>{data.summary}</Descriptions.Item>}
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        style={{ margin: "12px 0" }}
        pagination={false}
        dataSource={data.decisions}
        columns={decisionColumns(b, done)}
      />
      <Space>
        {data.status === "planned" && (
          <FormButton<{
            summary: string;
            decisions?: { text: string; unitId: string; dueOn: Dayjs; caseId?: string }[];
          }>
            label={b("recordMinutes")}
            primary
            width={820}
            url={`${BASE}/${id}/minutes`}
            schema={ZMinutes}
            initialValues={{ decisions: [] }}
            toBody={(v) =>
              clean({
                summary: v.summary,
                decisions: (v.decisions ?? []).map((d) => ({ ...d, dueOn: day(d.dueOn) })),
              })
            }
            onDone={done}
          >
            <Field name="summary" label={b("minutes")}>
              <Input.TextArea rows={4} />
            </Field>
            <Form.List name="decisions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                      <Form.Item
                        name={[f.name, "text"]}
                        label={b("decisionText")}
                        rules={[{ required: true }]}
                      >
                        <Input.TextArea rows={2} />
                      </Form.Item>
                      <Space wrap>
                        <Form.Item
                          name={[f.name, "unitId"]}
                          label={b("unit")}
                          rules={[{ required: true }]}
                          style={{ width: 220 }}
                        >
                          <UnitSelect kinds={RESPONSIBLE_KINDS} />
                        </Form.Item>
                        <Form.Item name={[f.name, "dueOn"]} label={b("dueOn")} rules={[{ required: true }]}>
                          <DatePicker />
                        </Form.Item>
                        <Form.Item name={[f.name, "caseId"]} label={b("case")} style={{ width: 260 }}>
                          <CaseSelect />
                        </Form.Item>
                      </Space>
                      <Button onClick={() => remove(f.name)}>{b("remove")}</Button>
                    </Card>
                  ))}
                  <Button onClick={() => add()}>
                    {b("add")} {b("decisions")}
                  </Button>
                </>
              )}
            </Form.List>
          </FormButton>
        )}
        {data.status === "planned" && (
          <ReasonButton label={b("cancel")} url={`${BASE}/${id}/cancel`} schema={ZCancel} onDone={done} />
        )}
        {data.status === "held" && (
          <DownloadButton
            label={b("downloadMinutes")}
            url={`${BASE}/${id}/minutes/document`}
            fallbackName="会议纪要.docx"
            testId="download-minutes"
          />
        )}
      </Space>
    </>
  );
}

function ListTab() {
  const { b } = useB();
  return (
    <RecordList<Summary>
      url={BASE}
      filters={[
        {
          kind: "select",
          key: "status",
          label: "status",
          values: CONFERENCE_STATUSES,
          group: "conferenceStatus",
          width: 120,
        },
        { kind: "range" },
      ]}
      toolbar={(reload) => <ConveneButton onDone={reload} />}
      columns={[
        { title: b("date"), dataIndex: "meetingOn" },
        { title: b("conferenceTitle"), dataIndex: "title" },
        { title: b("area"), dataIndex: "areaName" },
        { title: b("decisions"), render: (_, r) => `${r.decisions - r.openDecisions}/${r.decisions}` },
        { title: b("status"), render: (_, r) => <StatusTag group="conferenceStatus" value={r.status} /> },
      ]}
      detail={{ title: "menuConferences", render: (id, reload) => <Detail id={id} onChange={reload} /> }}
    />
  );
}

function DecisionsTab() {
  const { b } = useB();
  return (
    <RecordList<Decision>
      url={`${BASE}/decisions`}
      filters={[
        {
          kind: "select",
          key: "status",
          label: "status",
          values: DECISION_STATUSES,
          group: "decisionStatus",
          width: 120,
        },
        { kind: "flag", key: "overdue", label: "overdueOnly" },
      ]}
      columns={(reload) => [
        { title: b("conferenceTitle"), dataIndex: "conferenceTitle" },
        ...decisionColumns(b, reload),
      ]}
    />
  );
}

function FiguresTab() {
  const { b } = useB();
  return (
    <FiguresPanel<Figures>
      url={`${BASE}/figures`}
      period="range"
      row={(data) => [
        [b("fMeetings"), data.meetingsHeld],
        [b("agenda"), data.agendaCases],
        [b("fDecisions"), data.decisions],
        [b("markDecisionDone"), data.decisionsDone],
        [b("fDoneRate"), pct(data.doneRate)],
        [b("overdueOnly"), data.decisionsOverdue],
      ]}
    />
  );
}

/** 联席会议: meetings with agenda cases, minutes and decisions followed up to done, minutes as Word. */
export function ConferencesPage() {
  return (
    <ModulePage
      title="menuConferences"
      tabs={[
        ["list", "menuConferences", ListTab],
        ["decisions", "decisions", DecisionsTab],
        ["figures", "figures", FiguresTab],
      ]}
    />
  );
}
