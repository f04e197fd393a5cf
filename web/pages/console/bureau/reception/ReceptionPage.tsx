import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
} from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import {
  type ZAppointment,
  ZAppointmentCreate,
  ZCancelReason,
  type ZOutreach,
  ZOutreachComplete,
  ZOutreachCreate,
  type ZOutreachSummary,
  type ZReceptionDay,
  ZReceptionDayCreate,
  type ZReceptionFigures,
  type ZReceptionRecord,
  ZReceptionRecordCreate,
  type ZReceptionRecordSummary,
} from "../../../../../domain/schemas/bureau/reception.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { useRegionOptions } from "../../../../hooks/use-regions.ts";
import { ActionButton, Field, FormButton, ReasonButton } from "../form.tsx";
import {
  clean,
  day,
  FigureRow,
  FigureTable,
  ModulePage,
  ServerError,
  StatusTag,
  useB,
  useRecord,
} from "../kit.tsx";
import { AREA_KINDS, CaseLink, CaseSelect, RESPONSIBLE_KINDS, UnitSelect } from "../pickers.tsx";
import { FiguresPanel, RecordList } from "../record-list.tsx";

type Day = z.infer<typeof ZReceptionDay>;
type Appointment = z.infer<typeof ZAppointment>;
type Rec = z.infer<typeof ZReceptionRecord>;
type RecRow = z.infer<typeof ZReceptionRecordSummary>;
type Outreach = z.infer<typeof ZOutreach>;
type OutreachRow = z.infer<typeof ZOutreachSummary>;
type Figures = z.infer<typeof ZReceptionFigures>;
const BASE = "/api/bureau/reception";

function LeaderFields() {
  const { b } = useB();
  return (
    <Space.Compact block>
      <Field name="leaderName" label={b("leaderName")} required style={{ flex: 1 }}>
        <Input data-testid="leader-name" />
      </Field>
      <Field name="leaderTitle" label={b("leaderTitle")} required style={{ flex: 1 }}>
        <Input data-testid="leader-title" />
      </Field>
    </Space.Compact>
  );
}

function DaysTab() {
  const { b } = useB();
  // The day whose appointments are open, and how to refresh the list after a change there.
  const [open, setOpen] = useState<{ day: Day; reload(): void } | null>(null);
  return (
    <>
      <RecordList<Day>
        url={`${BASE}/days`}
        testId="days-table"
        filters={[{ kind: "range" }]}
        toolbar={(reload) => (
          <>
            <FormButton<{
              areaUnitId: string;
              date: Dayjs;
              leaderName: string;
              leaderTitle: string;
              place: string;
              capacity: number;
              note?: string;
            }>
              label={b("newDay")}
              url={`${BASE}/days`}
              schema={ZReceptionDayCreate}
              primary
              testId="new-day"
              initialValues={{ capacity: 10 }}
              toBody={(v) => clean({ ...v, date: day(v.date) })}
              onDone={reload}
            >
              <Field name="areaUnitId" label={b("area")}>
                <UnitSelect kinds={AREA_KINDS} />
              </Field>
              <Field name="date" label={b("date")}>
                <DatePicker />
              </Field>
              <LeaderFields />
              <Field name="place" label={b("place")}>
                <Input />
              </Field>
              <Field name="capacity" label={b("capacity")}>
                <InputNumber min={0} max={500} />
              </Field>
              <Field name="note" label={b("note")}>
                <Input.TextArea rows={2} />
              </Field>
            </FormButton>
          </>
        )}
        columns={(reload) => [
          { title: b("date"), dataIndex: "date" },
          { title: b("area"), dataIndex: "areaName" },
          { title: b("leaderName"), render: (_, d) => `${d.leaderName}（${d.leaderTitle}）` },
          { title: b("place"), dataIndex: "place" },
          { title: `${b("booked")}/${b("capacity")}`, render: (_, d) => `${d.booked}/${d.capacity}` },
          {
            title: b("status"),
            dataIndex: "status",
            render: (s: string) => <StatusTag group="dayStatus" value={s} />,
          },
          {
            title: b("actions"),
            render: (_, d) => (
              <Space>
                <Button size="small" onClick={() => setOpen({ day: d, reload })}>
                  {b("appointments")}
                </Button>
                {d.status === "scheduled" && (
                  <ReasonButton
                    label={b("cancel")}
                    size="small"
                    url={`${BASE}/days/${d.id}/cancel`}
                    schema={ZCancelReason}
                    onDone={reload}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        size="large"
        title={open ? `${open.day.date} ${open.day.leaderName}` : ""}
      >
        {open && <AppointmentsOfDay day={open.day} onChange={open.reload} />}
      </Drawer>
    </>
  );
}

function AppointmentsOfDay({ day: d, onChange }: { day: Day; onChange(): void }) {
  const { b } = useB();
  const { data, error, done } = useRecord<{ items: Appointment[] }>(
    `${BASE}/days/${d.id}/appointments`,
    onChange,
  );
  return (
    <>
      <FormButton<{
        name: string;
        phone: string;
        idNumber?: string;
        matter: string;
        headcount: number;
        caseId?: string;
      }>
        label={b("bookAppointment")}
        url={`${BASE}/appointments`}
        schema={ZAppointmentCreate}
        primary
        testId="book-appointment"
        initialValues={{ headcount: 1 }}
        toBody={(v) => clean({ ...v, dayId: d.id })}
        onDone={done}
      >
        <Field name="name" label={b("name")}>
          <Input />
        </Field>
        <Form.Item name="phone" label="电话 / Phone" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号 / ID">
          <Input />
        </Form.Item>
        <Field name="matter" label={b("matter")}>
          <Input.TextArea rows={2} />
        </Field>
        <Field name="headcount" label={b("headcount")}>
          <InputNumber min={1} max={1000} />
        </Field>
        <Field name="caseId" label={b("caseLink")}>
          <CaseSelect />
        </Field>
      </FormButton>
      <ServerError error={error} />
      <Table<Appointment>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        dataSource={data?.items}
        pagination={false}
        columns={[
          { title: "#", dataIndex: "appointmentNumber" },
          { title: b("name"), dataIndex: "name" },
          { title: "电话", dataIndex: "phone" },
          { title: b("matter"), dataIndex: "matter" },
          { title: b("case"), render: (_, a) => <CaseLink c={a.case} /> },
          { title: b("status"), render: (_, a) => <StatusTag group="appointmentStatus" value={a.status} /> },
          {
            title: b("actions"),
            render: (_, a) =>
              a.status === "booked" && (
                <Space>
                  <ActionButton
                    label={b("noShow")}
                    url={`${BASE}/appointments/${a.id}/no-show`}
                    onDone={done}
                  />
                  <ActionButton
                    label={b("cancel")}
                    url={`${BASE}/appointments/${a.id}/cancel`}
                    onDone={done}
                    danger
                  />
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}

interface MatterForm {
  summary: string;
  outcome: string;
  assignedUnitId?: string;
  instruction?: string;
  mode: "none" | "linked" | "new";
  caseId?: string;
  title?: string;
  content?: string;
  problemRegionCode?: string;
}
interface RecordForm {
  areaUnitId: string;
  receivedOn: Dayjs;
  leaderName: string;
  leaderTitle: string;
  place: string;
  batchCount: number;
  personVisits: number;
  summary: string;
  petitioners: { name: string; idNumber?: string; phone?: string }[];
  matters: MatterForm[];
}

/** The form's values as the API's body: each matter links a case, opens one (all petitioners), or neither. */
export function recordBody(v: RecordForm) {
  return clean({
    areaUnitId: v.areaUnitId,
    receivedOn: day(v.receivedOn),
    leaderName: v.leaderName,
    leaderTitle: v.leaderTitle,
    place: v.place,
    batchCount: v.batchCount,
    personVisits: v.personVisits,
    summary: v.summary,
    petitioners: v.petitioners,
    matters: v.matters.map((m) => ({
      summary: m.summary,
      outcome: m.outcome,
      assignedUnitId: m.outcome === "assigned" ? m.assignedUnitId : undefined,
      instruction: m.outcome === "assigned" ? m.instruction : undefined,
      caseId: m.mode === "linked" ? m.caseId : undefined,
      newCase:
        m.mode === "new"
          ? {
              title: m.title,
              content: m.content,
              problemRegionCode: m.problemRegionCode,
              petitioners: v.petitioners.map((_, i) => i),
            }
          : undefined,
    })),
  });
}

export function RecordButton({ onDone }: { onDone(): void }) {
  const { b, lb } = useB();
  const regions = useRegionOptions();
  return (
    <FormButton<RecordForm>
      label={b("newRecord")}
      url={`${BASE}/records`}
      schema={ZReceptionRecordCreate}
      primary
      width={820}
      testId="new-record"
      initialValues={{
        receivedOn: dayjs(),
        batchCount: 1,
        personVisits: 1,
        petitioners: [{ name: "" }],
        matters: [{ summary: "", outcome: "resolved_on_spot", mode: "none" }],
      }}
      toBody={recordBody}
      onDone={onDone}
    >
      <Field name="areaUnitId" label={b("area")}>
        <UnitSelect kinds={AREA_KINDS} testId="record-area" />
      </Field>
      <Field name="receivedOn" label={b("receivedOn")}>
        <DatePicker />
      </Field>
      <LeaderFields />
      <Field name="place" label={b("place")}>
        <Input data-testid="record-place" />
      </Field>
      <Space>
        <Field name="batchCount" label={b("batches")}>
          <InputNumber min={1} max={1000} data-testid="record-batches" />
        </Field>
        <Field name="personVisits" label={b("personVisits")}>
          <InputNumber min={1} max={100000} data-testid="record-person-visits" />
        </Field>
      </Space>
      <Field name="summary" label={b("summary")}>
        <Input.TextArea rows={2} data-testid="record-summary" />
      </Field>
      <Card size="small" title={b("petitioners")} style={{ marginBottom: 12 }}>
        <Form.List name="petitioners">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, "name"]} rules={[{ required: true }]}>
                    <Input placeholder={b("name")} data-testid={`petitioner-name-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, "idNumber"]}>
                    <Input placeholder="身份证号 / ID" />
                  </Form.Item>
                  <Form.Item name={[f.name, "phone"]}>
                    <Input placeholder="电话 / Phone" />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{b("remove")}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ name: "" })}>{b("add")}</Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={b("matters")}>
        <Form.List name="matters">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                  <Form.Item name={[f.name, "summary"]} label={b("matter")} rules={[{ required: true }]}>
                    <Input data-testid={`matter-summary-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, "outcome"]} label={b("outcome")} rules={[{ required: true }]}>
                    <Select
                      data-testid={`matter-outcome-${f.name}`}
                      options={["resolved_on_spot", "assigned", "explained", "pending"].map((o) => ({
                        value: o,
                        label: lb("outcome", o),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) =>
                      getFieldValue(["matters", f.name, "outcome"]) === "assigned" && (
                        <>
                          <Form.Item
                            name={[f.name, "assignedUnitId"]}
                            label={b("assignedUnit")}
                            rules={[{ required: true }]}
                          >
                            <UnitSelect kinds={RESPONSIBLE_KINDS} />
                          </Form.Item>
                          <Form.Item name={[f.name, "instruction"]} label={b("instruction")}>
                            <Input />
                          </Form.Item>
                        </>
                      )
                    }
                  </Form.Item>
                  <Form.Item name={[f.name, "mode"]} label={b("caseLink")}>
                    <Select
                      options={[
                        { value: "none", label: b("caseNone") },
                        { value: "linked", label: b("caseLinked") },
                        { value: "new", label: b("caseNew") },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) => {
                      const mode = getFieldValue(["matters", f.name, "mode"]);
                      if (mode === "linked")
                        return (
                          <Form.Item name={[f.name, "caseId"]} label={b("case")} rules={[{ required: true }]}>
                            <CaseSelect />
                          </Form.Item>
                        );
                      if (mode === "new")
                        return (
                          <>
                            <Form.Item
                              name={[f.name, "title"]}
                              label={b("caseTitle")}
                              rules={[{ required: true }]}
                            >
                              <Input />
                            </Form.Item>
                            <Form.Item
                              name={[f.name, "content"]}
                              label={b("caseContent")}
                              rules={[{ required: true }]}
                            >
                              <Input.TextArea rows={2} />
                            </Form.Item>
                            <Form.Item
                              name={[f.name, "problemRegionCode"]}
                              label={b("problemRegion")}
                              rules={[{ required: true }]}
                            >
                              <Select showSearch={{ optionFilterProp: "label" }} options={regions.options} />
                            </Form.Item>
                          </>
                        );
                      return null;
                    }}
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{b("remove")}</Button>}
                </Card>
              ))}
              <Button onClick={() => add({ summary: "", outcome: "explained", mode: "none" })}>
                {b("add")}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
    </FormButton>
  );
}

function RecordsTab() {
  const { b } = useB();
  return (
    <RecordList<RecRow>
      url={`${BASE}/records`}
      testId="records-table"
      filters={[{ kind: "range" }]}
      toolbar={(reload) => (
        <>
          <RecordButton onDone={reload} />
        </>
      )}
      columns={[
        { title: b("receivedOn"), dataIndex: "receivedOn" },
        { title: b("area"), dataIndex: "areaName" },
        { title: b("leaderName"), render: (_, r) => `${r.leaderName}（${r.leaderTitle}）` },
        { title: b("place"), dataIndex: "place" },
        { title: b("batches"), dataIndex: "batchCount" },
        { title: b("personVisits"), dataIndex: "personVisits" },
        { title: b("matters"), dataIndex: "matters" },
      ]}
      detail={{ title: "receptionRecords", render: (id) => <RecordDetail id={id} /> }}
    />
  );
}

function RecordDetail({ id }: { id: string }) {
  const { b, lb } = useB();
  const { data, error } = useApi<Rec>(`${BASE}/records/${id}`);
  return (
    <div data-testid="record-detail">
      <ServerError error={error} />
      {data && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={b("receivedOn")}>{data.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={b("area")}>{data.areaName}</Descriptions.Item>
            <Descriptions.Item
              label={b("leaderName")}
            >{`${data.leaderName}（${data.leaderTitle}）`}</Descriptions.Item>
            <Descriptions.Item label={b("place")}>{data.place}</Descriptions.Item>
            <Descriptions.Item
              label={`${b("batches")}/${b("personVisits")}`}
            >{`${data.batchCount} / ${data.personVisits}`}</Descriptions.Item>
            <Descriptions.Item label={b("summary")}>{data.summary}</Descriptions.Item>
            <Descriptions.Item label={b("petitioners")}>
              {data.petitioners
                .map((p) => [p.name, p.idNumber, p.phone].filter(Boolean).join(" "))
                .join("；")}
            </Descriptions.Item>
          </Descriptions>
          <FigureTable
            rows={data.matters}
            rowKey="position"
            columns={[
              { title: b("matter"), dataIndex: "summary" },
              { title: b("outcome"), render: (_, m) => lb("outcome", m.outcome) },
              { title: b("case"), render: (_, m) => <CaseLink c={m.case} /> },
              { title: b("instruction"), dataIndex: "instruction" },
            ]}
          />
        </>
      )}
    </div>
  );
}

function OutreachTab() {
  const { b } = useB();
  return (
    <RecordList<OutreachRow>
      url={`${BASE}/outreach`}
      filters={[{ kind: "range" }]}
      toolbar={(reload) => (
        <>
          <FormButton<{
            areaUnitId: string;
            visitDate: Dayjs;
            leaderName: string;
            leaderTitle: string;
            purpose: string;
            caseIds?: string[];
          }>
            label={b("newOutreach")}
            url={`${BASE}/outreach`}
            schema={ZOutreachCreate}
            primary
            toBody={(v) => clean({ ...v, visitDate: day(v.visitDate), caseIds: v.caseIds ?? [] })}
            onDone={reload}
          >
            <Field name="areaUnitId" label={b("area")}>
              <UnitSelect kinds={AREA_KINDS} />
            </Field>
            <Field name="visitDate" label={b("visitDate")}>
              <DatePicker />
            </Field>
            <LeaderFields />
            <Field name="purpose" label={b("purpose")}>
              <Input.TextArea rows={2} />
            </Field>
            <Field name="caseIds" label={b("cases")}>
              <CaseSelect multiple />
            </Field>
          </FormButton>
        </>
      )}
      columns={[
        { title: b("visitDate"), dataIndex: "visitDate" },
        { title: b("area"), dataIndex: "areaName" },
        { title: b("leaderName"), render: (_, r) => `${r.leaderName}（${r.leaderTitle}）` },
        { title: b("purpose"), dataIndex: "purpose", ellipsis: true },
        { title: b("cases"), dataIndex: "caseCount" },
        {
          title: `${b("batches")}/${b("personVisits")}`,
          render: (_, r) => (r.batchCount === null ? "—" : `${r.batchCount}/${r.personVisits}`),
        },
        { title: b("status"), render: (_, r) => <StatusTag group="outreachStatus" value={r.status} /> },
      ]}
      detail={{ title: "outreach", render: (id, reload) => <OutreachDetail id={id} onChange={reload} /> }}
    />
  );
}

function OutreachDetail({ id, onChange }: { id: string; onChange(): void }) {
  const { b } = useB();
  const { data, error, done } = useRecord<Outreach>(`${BASE}/outreach/${id}`, onChange);
  return (
    <>
      <ServerError error={error} />
      {data && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={b("visitDate")}>{data.visitDate}</Descriptions.Item>
            <Descriptions.Item label={b("area")}>{data.areaName}</Descriptions.Item>
            <Descriptions.Item
              label={b("leaderName")}
            >{`${data.leaderName}（${data.leaderTitle}）`}</Descriptions.Item>
            <Descriptions.Item label={b("purpose")}>{data.purpose}</Descriptions.Item>
            <Descriptions.Item label={b("status")}>
              <StatusTag group="outreachStatus" value={data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={b("resultSummary")}>{data.resultSummary ?? "—"}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey={(r) => r.case.id}
            size="small"
            style={{ margin: "12px 0" }}
            pagination={false}
            dataSource={data.cases}
            columns={[
              { title: b("case"), render: (_, r) => <CaseLink c={r.case} /> },
              { title: b("resultSummary"), render: (_, r) => r.result ?? "—" },
              {
                title: b("resolved"),
                render: (_, r) => (r.isResolved === null ? "—" : r.isResolved ? "✓" : "✗"),
              },
            ]}
          />
          {data.status === "planned" && (
            <Space>
              <FormButton<{
                batchCount: number;
                personVisits: number;
                resultSummary: string;
                results?: { result: string; isResolved?: boolean }[];
              }>
                label={b("complete")}
                primary
                url={`${BASE}/outreach/${id}/complete`}
                schema={ZOutreachComplete}
                initialValues={{
                  batchCount: 0,
                  personVisits: 0,
                  results: data.cases.map(() => ({ result: "", isResolved: false })),
                }}
                toBody={(v) =>
                  clean({
                    ...v,
                    results: data.cases.map((c, i) => ({
                      caseId: c.case.id,
                      result: v.results?.[i]?.result || "—",
                      isResolved: Boolean(v.results?.[i]?.isResolved),
                    })),
                  })
                }
                onDone={done}
              >
                <Space>
                  <Field name="batchCount" label={b("batches")}>
                    <InputNumber min={0} />
                  </Field>
                  <Field name="personVisits" label={b("personVisits")}>
                    <InputNumber min={0} />
                  </Field>
                </Space>
                <Field name="resultSummary" label={b("resultSummary")}>
                  <Input.TextArea rows={2} />
                </Field>
                {data.cases.map((c, i) => (
                  <Space key={c.case.id} align="baseline">
                    <span>{c.case.caseNumber}</span>
                    <Form.Item name={["results", i, "result"]}>
                      <Input placeholder={b("resultSummary")} />
                    </Form.Item>
                    <Form.Item
                      name={["results", i, "isResolved"]}
                      valuePropName="checked"
                      label={b("resolved")}
                    >
                      <Switch />
                    </Form.Item>
                  </Space>
                ))}
              </FormButton>
              <ReasonButton
                label={b("cancel")}
                url={`${BASE}/outreach/${id}/cancel`}
                schema={ZCancelReason}
                onDone={done}
              />
            </Space>
          )}
        </>
      )}
    </>
  );
}

function FiguresTab() {
  const { b } = useB();
  return (
    <FiguresPanel<Figures>
      url={`${BASE}/figures`}
      period="range"
      row={(data) => [
        [b("receptionDays"), data.days],
        [b("batches"), data.receptions.batches, "fig-batches"],
        [b("personVisits"), data.receptions.personVisits, "fig-person-visits"],
        [b("fResolvedOnSpot"), data.receptions.resolvedOnSpot],
        [b("fAssigned"), data.receptions.assigned],
        [b("matters"), data.receptions.matters],
      ]}
    >
      {(data) => (
        <Space orientation="vertical" style={{ width: "100%", marginTop: 12 }}>
          <FigureRow
            items={[
              [b("appointments"), data.appointments.booked + data.appointments.received],
              [b("noShow"), data.appointments.noShow],
              [b("outreach"), data.outreach.visits],
              [`${b("outreach")} ${b("batches")}`, data.outreach.batches],
              [`${b("outreach")} ${b("personVisits")}`, data.outreach.personVisits],
              [
                `${b("cases")} ${b("resolved")}`,
                `${data.outreach.casesResolved}/${data.outreach.casesCarried}`,
              ],
            ]}
          />
        </Space>
      )}
    </FiguresPanel>
  );
}

/** 领导接访: the schedule and appointments, receptions (批/人次, matters, cases), outreach, figures. */
export function ReceptionPage() {
  return (
    <ModulePage
      title="menuReception"
      tabs={[
        ["records", "receptionRecords", RecordsTab],
        ["days", "receptionDays", DaysTab],
        ["outreach", "outreach", OutreachTab],
        ["figures", "figures", FiguresTab],
      ]}
    />
  );
}
