import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Timeline,
} from "antd";
import type { Dayjs } from "dayjs";
import type { z } from "zod";
import {
  DUTIES,
  OWNERSHIP_STATUSES,
  ZDone,
  ZNote,
  type ZOwnership,
  ZOwnershipCreate,
  type ZOwnershipFigures,
  type ZOwnershipSummary,
  ZResolve,
} from "../../../../../domain/schemas/bureau/ownership.ts";
import { Field, FormButton, ReasonButton } from "../form.tsx";
import {
  clean,
  day,
  FigureTable,
  ModulePage,
  pct,
  ServerError,
  StatusTag,
  useB,
  useRecord,
} from "../kit.tsx";
import { CaseLink, CaseSelect, RESPONSIBLE_KINDS, UnitSelect } from "../pickers.tsx";
import { FiguresPanel, RecordList } from "../record-list.tsx";

type Ownership = z.infer<typeof ZOwnership>;
type Summary = z.infer<typeof ZOwnershipSummary>;
type Figures = z.infer<typeof ZOwnershipFigures>;
const BASE = "/api/bureau/ownership";

interface CreateForm {
  caseIds: string[];
  leaderName: string;
  leaderTitle: string;
  responsibleUnitId: string;
  plan: string;
  targetDate: Dayjs;
  duties: { ownerName: string; dueOn: Dayjs }[];
  milestones?: { title: string; dueOn: Dayjs }[];
}

function CreateButton({ onDone }: { onDone(): void }) {
  const { b, lb } = useB();
  return (
    <FormButton<CreateForm>
      label={b("newOwnership")}
      primary
      width={760}
      url={BASE}
      schema={ZOwnershipCreate}
      testId="new-ownership"
      initialValues={{
        duties: DUTIES.map(() => ({ ownerName: "" })) as CreateForm["duties"],
        milestones: [],
      }}
      toBody={(v) =>
        clean({
          ...v,
          targetDate: day(v.targetDate),
          duties: DUTIES.map((duty, i) => ({
            duty,
            ownerName: v.duties[i]?.ownerName,
            dueOn: day(v.duties[i]?.dueOn),
          })),
          milestones: (v.milestones ?? []).map((m) => ({ title: m.title, dueOn: day(m.dueOn) })),
        })
      }
      onDone={onDone}
    >
      <Field name="caseIds" label={b("cases")}>
        <CaseSelect multiple />
      </Field>
      <Space.Compact block>
        <Field name="leaderName" label={b("leaderName")} style={{ flex: 1 }}>
          <Input />
        </Field>
        <Field name="leaderTitle" label={b("leaderTitle")} style={{ flex: 1 }}>
          <Input />
        </Field>
      </Space.Compact>
      <Field name="responsibleUnitId" label={b("unit")}>
        <UnitSelect kinds={RESPONSIBLE_KINDS} />
      </Field>
      <Field name="plan" label={b("plan")}>
        <Input.TextArea rows={3} />
      </Field>
      <Field name="targetDate" label={b("targetDate")}>
        <DatePicker />
      </Field>
      <Card size="small" title={b("duties")} style={{ marginBottom: 12 }}>
        {DUTIES.map((duty, i) => (
          <Space key={duty} align="baseline">
            <Tag>{lb("duty", duty)}</Tag>
            <Form.Item name={["duties", i, "ownerName"]} rules={[{ required: true }]}>
              <Input placeholder={b("ownerName")} />
            </Form.Item>
            <Form.Item name={["duties", i, "dueOn"]} rules={[{ required: true }]}>
              <DatePicker placeholder={b("dueOn")} />
            </Form.Item>
          </Space>
        ))}
      </Card>
      <Card size="small" title={b("milestones")}>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, "title"]} rules={[{ required: true }]}>
                    <Input placeholder={b("milestones")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "dueOn"]} rules={[{ required: true }]}>
                    <DatePicker />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{b("remove")}</Button>
                </Space>
              ))}
              <Button onClick={() => add()}>{b("addMilestone")}</Button>
            </>
          )}
        </Form.List>
      </Card>
    </FormButton>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { b, lb } = useB();
  const { data, error, done } = useRecord<Ownership>(`${BASE}/${id}`, onChange);
  if (!data) return <ServerError error={error} />;
  const open = data.status === "open";
  return (
    <div data-testid="ownership-detail">
      <ServerError error={error} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={b("status")}>
          <StatusTag group="ownershipStatus" value={data.status} />
        </Descriptions.Item>
        <Descriptions.Item
          label={b("leaderName")}
        >{`${data.leaderName}（${data.leaderTitle}）`}</Descriptions.Item>
        <Descriptions.Item label={b("unit")}>{data.responsibleUnitName}</Descriptions.Item>
        <Descriptions.Item label={b("cases")}>
          <Space wrap>
            {data.cases.map((c) => (
              <CaseLink key={c.id} c={c} />
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={b("plan")}>
          <span style={{ whiteSpace: "pre-wrap" }}>{data.plan}</span>
        </Descriptions.Item>
        <Descriptions.Item label={b("targetDate")}>{data.targetDate}</Descriptions.Item>
        {data.resolution && <Descriptions.Item label={b("resolution")}>{data.resolution}</Descriptions.Item>}
      </Descriptions>
      <Card size="small" title={b("duties")} style={{ marginTop: 12 }}>
        <Table
          rowKey="duty"
          size="small"
          pagination={false}
          dataSource={data.duties}
          data-testid="duties"
          columns={[
            {
              title: b("duties"),
              render: (_, d) => (
                <span data-duty={d.duty}>
                  <Checkbox checked={d.doneAt !== null} disabled>
                    {lb("duty", d.duty)}
                  </Checkbox>
                </span>
              ),
            },
            { title: b("ownerName"), dataIndex: "ownerName" },
            {
              title: b("dueOn"),
              render: (_, d) => (
                <span>
                  {d.dueOn} {d.isSlipped && <Tag color="red">{b("slipped")}</Tag>}
                </span>
              ),
            },
            { title: b("note"), render: (_, d) => d.doneNote ?? "" },
            {
              title: b("actions"),
              render: (_, d) =>
                open &&
                d.doneAt === null && (
                  <FormButton<{ note: string }>
                    label={b("markDone")}
                    size="small"
                    testId={`duty-done-${d.duty}`}
                    url={`${BASE}/${id}/duties/${d.duty}/done`}
                    schema={ZDone}
                    onDone={done}
                  >
                    <Field name="note" label={b("note")}>
                      <Input.TextArea rows={2} data-testid="duty-note" />
                    </Field>
                  </FormButton>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={b("milestones")} style={{ marginTop: 12 }}>
        <Table
          rowKey="position"
          size="small"
          pagination={false}
          dataSource={data.milestones}
          columns={[
            { title: b("milestones"), dataIndex: "title" },
            {
              title: b("dueOn"),
              render: (_, m) => (
                <span>
                  {m.dueOn} {m.isSlipped && <Tag color="red">{b("slipped")}</Tag>}
                </span>
              ),
            },
            {
              title: b("status"),
              render: (_, m) => (m.doneAt ? `${b("done")} ${m.doneNote ?? ""}` : b("open")),
            },
            {
              title: b("actions"),
              render: (_, m) =>
                open &&
                m.doneAt === null && (
                  <FormButton<{ note: string }>
                    label={b("markDone")}
                    size="small"
                    url={`${BASE}/${id}/milestones/${m.position}/done`}
                    schema={ZDone}
                    onDone={done}
                  >
                    <Field name="note" label={b("note")}>
                      <Input.TextArea rows={2} />
                    </Field>
                  </FormButton>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={b("progressNotes")} style={{ marginTop: 12 }}>
        <Timeline
          items={data.notes.map((n) => ({
            key: n.seq,
            content: `${n.seq}. ${n.at.slice(0, 10)} ${n.author}：${n.text}`,
          }))}
        />
        <FormButton<{ text: string }>
          label={b("addNote")}
          size="small"
          url={`${BASE}/${id}/notes`}
          schema={ZNote}
          onDone={done}
        >
          <Field name="text" label={b("progressNotes")}>
            <Input.TextArea rows={3} />
          </Field>
        </FormButton>
      </Card>
      {open && (
        <Space style={{ marginTop: 12 }}>
          <ReasonButton
            label={b("resolve")}
            primary
            url={`${BASE}/${id}/resolve`}
            schema={ZResolve}
            onDone={done}
            name="resolution"
            fieldLabel="resolution"
            rows={3}
          />
          <ReasonButton
            label={b("withdraw")}
            url={`${BASE}/${id}/withdraw`}
            schema={ZResolve}
            onDone={done}
            name="resolution"
          />
        </Space>
      )}
    </div>
  );
}

function ListTab() {
  const { b } = useB();
  return (
    <RecordList<Summary>
      url={BASE}
      testId="ownership-table"
      filters={[
        {
          kind: "select",
          key: "status",
          label: "status",
          values: OWNERSHIP_STATUSES,
          group: "ownershipStatus",
          width: 140,
        },
        { kind: "flag", key: "slipped", label: "slippedOnly" },
      ]}
      toolbar={(reload) => <CreateButton onDone={reload} />}
      columns={[
        { title: b("leaderName"), render: (_, r) => `${r.leaderName}（${r.leaderTitle}）` },
        { title: b("unit"), dataIndex: "responsibleUnitName" },
        { title: b("cases"), dataIndex: "caseCount" },
        { title: b("targetDate"), dataIndex: "targetDate" },
        { title: b("dutiesDone"), render: (_, r) => `${r.dutiesDone}/5` },
        { title: b("slipped"), render: (_, r) => (r.slipped > 0 ? <Tag color="red">{r.slipped}</Tag> : 0) },
        { title: b("status"), render: (_, r) => <StatusTag group="ownershipStatus" value={r.status} /> },
      ]}
      detail={{ title: "menuOwnership", render: (id, reload) => <Detail id={id} onChange={reload} /> }}
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
        [b("fOwned"), data.owned],
        [b("fResolved"), data.resolved],
        [b("fResolutionRate"), pct(data.resolutionRate)],
        [b("open"), data.open],
        [b("slipped"), data.openWithSlippedMilestones],
        [b("withdraw"), data.withdrawn],
      ]}
    >
      {(data) => (
        <FigureTable
          rows={data.byLeader}
          rowKey="leaderName"
          columns={[
            { title: b("leaderName"), dataIndex: "leaderName" },
            { title: b("fOwned"), dataIndex: "owned" },
            { title: b("fResolved"), dataIndex: "resolved" },
            { title: b("fResolutionRate"), render: (_, r) => pct(r.resolutionRate) },
          ]}
        />
      )}
    </FiguresPanel>
  );
}

/** 领导包案: one case, one leader, one plan, the five duties, milestones and progress, to the end. */
export function OwnershipPage() {
  return (
    <ModulePage
      title="menuOwnership"
      tabs={[
        ["list", "menuOwnership", ListTab],
        ["figures", "figures", FiguresTab],
      ]}
    />
  );
}
