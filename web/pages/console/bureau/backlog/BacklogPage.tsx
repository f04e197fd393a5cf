import { Input, Select, Space, Tag } from "antd";
import type { z } from "zod";
import {
  BACKLOG_REASONS,
  CLEARANCE_ROUTES,
  type ZBacklogCase,
  ZBacklogClear,
  type ZBacklogFigures,
  ZBacklogMark,
  type ZSuggestion,
} from "../../../../../domain/schemas/bureau/backlog.ts";
import { Field, FormButton } from "../form.tsx";
import { clean, ModulePage, StatusTag, useB } from "../kit.tsx";
import { CaseLink, CaseSelect } from "../pickers.tsx";
import { FiguresPanel, RecordList } from "../record-list.tsx";

type Suggestion = z.infer<typeof ZSuggestion>;
type BacklogCase = z.infer<typeof ZBacklogCase>;
type Figures = z.infer<typeof ZBacklogFigures>;
const BASE = "/api/bureau/backlog";

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
      schema={ZBacklogMark}
      testId={caseId ? `mark-${caseId}` : "mark-backlog"}
      toBody={(v) =>
        clean({ ...v, caseId: caseId ?? v.caseId, reasons: v.reasons?.length ? v.reasons : undefined })
      }
      onDone={onDone}
    >
      {!caseId && (
        <Field name="caseId" label={b("case")}>
          <CaseSelect />
        </Field>
      )}
      <Field name="reasons" label={b("reasons")}>
        <Select
          mode="multiple"
          allowClear
          options={BACKLOG_REASONS.map((r) => ({ value: r, label: lb("reason", r) }))}
        />
      </Field>
      <Field name="note" label={b("note")}>
        <Input.TextArea rows={2} />
      </Field>
    </FormButton>
  );
}

function SuggestionsTab() {
  const { b } = useB();
  return (
    <RecordList<Suggestion>
      url={`${BASE}/suggestions`}
      rowKey={(s) => s.case.id}
      testId="suggestions-table"
      columns={(reload) => [
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
  );
}

function BacklogTab() {
  const { b, lb } = useB();
  return (
    <RecordList<BacklogCase>
      url={BASE}
      rowKey={(r) => r.case.id}
      testId="backlog-table"
      filters={[
        {
          kind: "select",
          key: "status",
          label: "status",
          values: ["open", "cleared"],
          group: "backlogStatus",
        },
      ]}
      defaults={{ status: "open" }}
      toolbar={(reload) => <MarkButton label={b("mark")} onDone={reload} />}
      columns={(reload) => [
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
                schema={ZBacklogClear}
                onDone={reload}
              >
                <Field name="route" label={b("route")}>
                  <Select options={CLEARANCE_ROUTES.map((x) => ({ value: x, label: lb("route", x) }))} />
                </Field>
                <Field name="clearance" label={b("resolution")}>
                  <Input.TextArea rows={3} />
                </Field>
              </FormButton>
            ),
        },
      ]}
    />
  );
}

function FiguresTab() {
  const { b, lb } = useB();
  return (
    <FiguresPanel<Figures>
      url={`${BASE}/figures`}
      period="year"
      row={(data) => [
        [b("yearStartStock"), data.yearStartStock],
        [b("added"), data.added],
        [b("cleared"), data.cleared],
        [b("yearEndStock"), data.yearEndStock],
      ]}
    >
      {(data) => (
        <Space wrap style={{ marginTop: 12 }}>
          {Object.entries(data.clearedByRoute).map(([route, n]) => (
            <Tag key={route}>
              {lb("route", route)} {n}
            </Tag>
          ))}
        </Space>
      )}
    </FiguresPanel>
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
