import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import type {
  ZConference,
  ZConferenceFigures,
  ZConferenceSummary,
  ZDecision,
} from "../../../../../domain/schemas/bureau/conferences.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import {
  AREA_KINDS,
  CaseLink,
  CaseSelect,
  clean,
  DownloadButton,
  day,
  Field,
  FigureRow,
  FormButton,
  ModulePage,
  pct,
  qs,
  RangeFilter,
  RESPONSIBLE_KINDS,
  ServerError,
  StatusTag,
  UnitSelect,
  useB,
} from "../kit.tsx";

type Conference = z.infer<typeof ZConference>;
type Summary = z.infer<typeof ZConferenceSummary>;
type Decision = z.infer<typeof ZDecision>;
type Figures = z.infer<typeof ZConferenceFigures>;
const BASE = "/api/bureau/conferences";

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
      initialValues={{ attendees: [{ name: "" }], agenda: [{ topic: "" }] }}
      toBody={(v) => clean({ ...v, meetingOn: day(v.meetingOn) })}
      onDone={onDone}
    >
      <Field name="areaUnitId" label={b("area")} required>
        <UnitSelect kinds={AREA_KINDS} />
      </Field>
      <Field name="title" label={b("conferenceTitle")} required>
        <Input />
      </Field>
      <Space wrap>
        <Field name="meetingOn" label={b("date")} required>
          <DatePicker />
        </Field>
        <Field name="place" label={b("place")} required>
          <Input />
        </Field>
        <Field name="chairName" label={b("chairName")} required>
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
      toBody={(v) => ({ text: v.text, done: Boolean(v.done) })}
      onDone={onDone}
    >
      <Field name="text" label={b("progress")} required>
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
  const { data, error, reload } = useApi<Conference>(`${BASE}/${id}`);
  const done = () => {
    reload();
    onChange();
  };
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
            initialValues={{ decisions: [] }}
            toBody={(v) =>
              clean({
                summary: v.summary,
                decisions: (v.decisions ?? []).map((d) => ({ ...d, dueOn: day(d.dueOn) })),
              })
            }
            onDone={done}
          >
            <Field name="summary" label={b("minutes")} required>
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
          <FormButton<{ reason: string }> label={b("cancel")} url={`${BASE}/${id}/cancel`} onDone={done}>
            <Field name="reason" label={b("reason")} required>
              <Input />
            </Field>
          </FormButton>
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
  const { b, lb } = useB();
  const [f, setF] = useState<{ status?: string; from?: string; to?: string }>({});
  const { data, error, loading, reload } = useApi<{ items: Summary[] }>(`${BASE}${qs(f)}`);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={b("status")}
          style={{ width: 120 }}
          value={f.status}
          onChange={(status) => setF({ ...f, status })}
          options={["planned", "held", "cancelled"].map((s) => ({
            value: s,
            label: lb("conferenceStatus", s),
          }))}
        />
        <RangeFilter value={f} onChange={(r) => setF({ ...f, ...r })} />
        <ConveneButton onDone={reload} />
      </Space>
      <ServerError error={error} />
      <Table<Summary>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        pagination={{ pageSize: 20 }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: "pointer" } })}
        columns={[
          { title: b("date"), dataIndex: "meetingOn" },
          { title: b("conferenceTitle"), dataIndex: "title" },
          { title: b("area"), dataIndex: "areaName" },
          { title: b("decisions"), render: (_, r) => `${r.decisions - r.openDecisions}/${r.decisions}` },
          { title: b("status"), render: (_, r) => <StatusTag group="conferenceStatus" value={r.status} /> },
        ]}
      />
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size="large"
        title={b("menuConferences")}
      >
        {openId && <Detail id={openId} onChange={reload} />}
      </Drawer>
    </>
  );
}

function DecisionsTab() {
  const { b, lb } = useB();
  const [f, setF] = useState<{ status?: string; overdue?: string }>({});
  const { data, error, loading, reload } = useApi<{ items: Decision[] }>(`${BASE}/decisions${qs(f)}`);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={b("status")}
          style={{ width: 120 }}
          value={f.status}
          onChange={(status) => setF({ ...f, status })}
          options={["open", "done"].map((s) => ({ value: s, label: lb("decisionStatus", s) }))}
        />
        <Checkbox
          checked={f.overdue === "true"}
          onChange={(e) => setF({ ...f, overdue: e.target.checked ? "true" : undefined })}
        >
          {b("overdueOnly")}
        </Checkbox>
      </Space>
      <ServerError error={error} />
      <Table<Decision>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: b("conferenceTitle"), dataIndex: "conferenceTitle" },
          ...decisionColumns(b, reload),
        ]}
      />
    </>
  );
}

function FiguresTab() {
  const { b } = useB();
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const { data, error } = useApi<Figures>(`${BASE}/figures${qs(range)}`);
  return (
    <>
      <RangeFilter value={range} onChange={setRange} />
      <ServerError error={error} />
      {data && (
        <FigureRow
          items={[
            [b("fMeetings"), data.meetingsHeld],
            [b("agenda"), data.agendaCases],
            [b("fDecisions"), data.decisions],
            [b("markDecisionDone"), data.decisionsDone],
            [b("fDoneRate"), pct(data.doneRate)],
            [b("overdueOnly"), data.decisionsOverdue],
          ]}
        />
      )}
    </>
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
