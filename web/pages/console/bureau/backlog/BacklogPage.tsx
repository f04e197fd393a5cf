import { Form, Input, InputNumber, Select, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import type {
  ZBacklogCase,
  ZBacklogFigures,
  ZSuggestion,
} from "../../../../../domain/schemas/bureau/backlog.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import {
  CaseLink,
  CaseSelect,
  clean,
  FigureRow,
  FormButton,
  ModulePage,
  qs,
  ServerError,
  StatusTag,
  useB,
} from "../kit.tsx";

type Suggestion = z.infer<typeof ZSuggestion>;
type BacklogCase = z.infer<typeof ZBacklogCase>;
type Figures = z.infer<typeof ZBacklogFigures>;
const BASE = "/api/bureau/backlog";
const REASONS = ["long_open", "repeats", "reopened", "other"];
const ROUTES = ["outreach", "ownership", "handling", "joint_conference", "other"];

function Reasons({ reasons }: { reasons: string[] }) {
  const { lb } = useB();
  return (
    <Space size={4} wrap>
      {reasons.map((r) => (
        <Tag key={r}>{lb("reason", r)}</Tag>
      ))}
    </Space>
  );
}

function MarkButton({ caseId, onDone, label }: { caseId?: string; onDone(): void; label: string }) {
  const { b, lb } = useB();
  return (
    <FormButton<{ caseId?: string; reasons?: string[]; note?: string }>
      label={label}
      size={caseId ? "small" : "middle"}
      primary={!caseId}
      url={BASE}
      testId={caseId ? `mark-${caseId}` : "mark-backlog"}
      toBody={(v) =>
        clean({ ...v, caseId: caseId ?? v.caseId, reasons: v.reasons?.length ? v.reasons : undefined })
      }
      onDone={onDone}
    >
      {!caseId && (
        <Form.Item name="caseId" label={b("case")} rules={[{ required: true }]}>
          <CaseSelect />
        </Form.Item>
      )}
      <Form.Item name="reasons" label={b("reasons")}>
        <Select
          mode="multiple"
          allowClear
          options={REASONS.map((r) => ({ value: r, label: lb("reason", r) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={b("note")}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormButton>
  );
}

function SuggestionsTab() {
  const { b } = useB();
  const { data, error, loading, reload } = useApi<{ items: Suggestion[] }>(`${BASE}/suggestions`);
  return (
    <>
      <ServerError error={error} />
      <Table<Suggestion>
        rowKey={(s) => s.case.id}
        size="small"
        loading={loading}
        dataSource={data?.items}
        pagination={{ pageSize: 20 }}
        data-testid="suggestions-table"
        columns={[
          { title: b("case"), render: (_, s) => <CaseLink c={s.case} /> },
          { title: b("caseTitle"), render: (_, s) => s.case.title },
          { title: b("reasons"), render: (_, s) => <Reasons reasons={s.reasons} /> },
          { title: b("openDays"), dataIndex: "openDays" },
          { title: b("repeats"), dataIndex: "repeats" },
          {
            title: b("actions"),
            render: (_, s) => <MarkButton caseId={s.case.id} label={b("mark")} onDone={reload} />,
          },
        ]}
      />
    </>
  );
}

function BacklogTab() {
  const { b, lb } = useB();
  const [status, setStatus] = useState<string | undefined>("open");
  const { data, error, loading, reload } = useApi<{ items: BacklogCase[] }>(`${BASE}${qs({ status })}`);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={b("status")}
          style={{ width: 120 }}
          value={status}
          onChange={setStatus}
          options={["open", "cleared"].map((s) => ({ value: s, label: lb("backlogStatus", s) }))}
        />
        <MarkButton label={b("mark")} onDone={reload} />
      </Space>
      <ServerError error={error} />
      <Table<BacklogCase>
        rowKey={(r) => r.case.id}
        size="small"
        loading={loading}
        dataSource={data?.items}
        pagination={{ pageSize: 20 }}
        data-testid="backlog-table"
        columns={[
          { title: b("case"), render: (_, r) => <CaseLink c={r.case} /> },
          { title: b("caseTitle"), render: (_, r) => r.case.title },
          { title: b("reasons"), render: (_, r) => <Reasons reasons={r.reasons} /> },
          { title: b("date"), render: (_, r) => r.markedAt.slice(0, 10) },
          { title: b("status"), render: (_, r) => <StatusTag group="backlogStatus" value={r.status} /> },
          { title: b("route"), render: (_, r) => (r.clearanceRoute ? lb("route", r.clearanceRoute) : "") },
          {
            title: b("actions"),
            render: (_, r) =>
              r.status === "open" && (
                <FormButton<{ route: string; clearance: string }>
                  label={b("clear")}
                  size="small"
                  url={`${BASE}/${r.case.id}/clear`}
                  onDone={reload}
                >
                  <Form.Item name="route" label={b("route")} rules={[{ required: true }]}>
                    <Select options={ROUTES.map((x) => ({ value: x, label: lb("route", x) }))} />
                  </Form.Item>
                  <Form.Item name="clearance" label={b("resolution")} rules={[{ required: true }]}>
                    <Input.TextArea rows={3} />
                  </Form.Item>
                </FormButton>
              ),
          },
        ]}
      />
    </>
  );
}

function FiguresTab() {
  const { b, lb } = useB();
  const [year, setYear] = useState<number>(dayjs().year());
  const { data, error } = useApi<Figures>(`${BASE}/figures${qs({ year })}`);
  return (
    <>
      <InputNumber min={2000} max={2100} value={year} onChange={(y) => y && setYear(y)} />
      <ServerError error={error} />
      {data && (
        <>
          <FigureRow
            items={[
              [b("yearStartStock"), data.yearStartStock],
              [b("added"), data.added],
              [b("cleared"), data.cleared],
              [b("yearEndStock"), data.yearEndStock],
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            {Object.entries(data.clearedByRoute).map(([route, n]) => (
              <Tag key={route}>
                {lb("route", route)} {n}
              </Tag>
            ))}
          </Space>
        </>
      )}
    </>
  );
}

/** 信访积案: the rule's suggestions, marked cases and their clearance, stock figures by year. */
export function BacklogPage() {
  return (
    <ModulePage
      title="menuBacklog"
      tabs={[
        ["backlog", "backlogCases", BacklogTab],
        ["suggestions", "suggestions", SuggestionsTab],
        ["figures", "figures", FiguresTab],
      ]}
    />
  );
}
