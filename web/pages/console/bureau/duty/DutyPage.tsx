import { Alert, Card, DatePicker, Descriptions, Input, Select, Space, Table } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import type { z } from "zod";
import {
  LOG_KINDS,
  type ZDutyFigures,
  ZLogCreate,
  ZRoster24,
  type ZShift,
  ZShiftCreate,
} from "../../../../../domain/schemas/bureau/duty.ts";
import { ZCancelReason } from "../../../../../domain/schemas/bureau/reception.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { Field, FormButton, ReasonButton } from "../form.tsx";
import { clean, day, ModulePage, ServerError, StatusTag, useB, useRecord } from "../kit.tsx";
import { AREA_KINDS, CaseLink, CaseSelect, UnitSelect } from "../pickers.tsx";
import { FiguresPanel, RecordList } from "../record-list.tsx";

type Shift = z.infer<typeof ZShift>;
type Figures = z.infer<typeof ZDutyFigures>;
const BASE = "/api/bureau/duty";
const at = (iso: string) => dayjs(iso).format("YYYY-MM-DD HH:mm");

function OfficerSelect({
  value,
  onChange,
  multiple,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
}) {
  const { data } = useApi<{
    items: { id: string; displayName: string; unitName: string; phone: string | null }[];
  }>(`${BASE}/officers`);
  return (
    <Select
      mode={multiple ? "multiple" : undefined}
      showSearch={{ optionFilterProp: "label" }}
      value={value}
      onChange={onChange}
      options={(data?.items ?? []).map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.unitName}）${u.phone ? ` ${u.phone}` : ""}`,
      }))}
    />
  );
}

/** Who is on duty now, in the user's own area and above. */
export function CurrentDutyCard() {
  const { b } = useB();
  const { data, error } = useApi<{ items: Shift[] }>(`${BASE}/current`);
  return (
    <Card size="small" title={b("currentDuty")} data-testid="duty-current">
      <ServerError error={error} />
      {data && data.items.length === 0 && <Alert type="info" title={b("noDuty")} />}
      {data?.items.map((s) => (
        <div key={s.id}>
          {s.areaName}：<b>{s.officerName}</b> {s.dutyPhone}（{at(s.startsAt)} ~ {at(s.endsAt)}）
        </div>
      ))}
    </Card>
  );
}

function ShiftDetail({ id, onChange }: { id: string; onChange(): void }) {
  const { b, lb } = useB();
  const { data, error, done } = useRecord<Shift>(`${BASE}/shifts/${id}`, onChange);
  if (!data) return <ServerError error={error} />;
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={b("area")}>{data.areaName}</Descriptions.Item>
        <Descriptions.Item label={b("officer")}>{data.officerName}</Descriptions.Item>
        <Descriptions.Item label={b("dutyPhone")}>{data.dutyPhone}</Descriptions.Item>
        <Descriptions.Item
          label={b("period")}
        >{`${at(data.startsAt)} ~ ${at(data.endsAt)}`}</Descriptions.Item>
        {data.periodName && <Descriptions.Item label={b("periodName")}>{data.periodName}</Descriptions.Item>}
        <Descriptions.Item label={b("status")}>
          <StatusTag group="shiftStatus" value={data.status} />
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="seq"
        size="small"
        style={{ margin: "12px 0" }}
        pagination={false}
        dataSource={data.log}
        data-testid="duty-log"
        columns={[
          { title: "#", dataIndex: "seq" },
          { title: b("date"), render: (_, l) => at(l.at) },
          { title: b("kind"), render: (_, l) => lb("logKind", l.kind) },
          { title: b("text"), dataIndex: "text" },
          { title: b("case"), render: (_, l) => <CaseLink c={l.case} /> },
          { title: b("officer"), dataIndex: "author" },
        ]}
      />
      {data.status === "scheduled" && (
        <Space>
          <FormButton<{ kind: string; text: string; caseId?: string }>
            label={b("addLog")}
            primary
            url={`${BASE}/shifts/${id}/log`}
            schema={ZLogCreate}
            toBody={clean}
            initialValues={{ kind: "call" }}
            onDone={done}
          >
            <Field name="kind" label={b("kind")}>
              <Select options={LOG_KINDS.map((k) => ({ value: k, label: lb("logKind", k) }))} />
            </Field>
            <Field name="text" label={b("text")}>
              <Input.TextArea rows={3} />
            </Field>
            <Field name="caseId" label={b("case")}>
              <CaseSelect />
            </Field>
          </FormButton>
          <ReasonButton
            label={b("cancel")}
            url={`${BASE}/shifts/${id}/cancel`}
            schema={ZCancelReason}
            onDone={done}
          />
        </Space>
      )}
    </>
  );
}

function ShiftsTab() {
  const { b } = useB();
  return (
    <RecordList<Shift>
      url={`${BASE}/shifts`}
      testId="shifts-table"
      filters={[{ kind: "range" }]}
      toolbar={(reload) => (
        <>
          <FormButton<{
            areaUnitId: string;
            officerUserId: string;
            dutyPhone: string;
            range: [Dayjs, Dayjs];
            periodName?: string;
          }>
            label={b("newShift")}
            primary
            url={`${BASE}/shifts`}
            schema={ZShiftCreate}
            toBody={(v) =>
              clean({
                areaUnitId: v.areaUnitId,
                officerUserId: v.officerUserId,
                dutyPhone: v.dutyPhone,
                startsAt: v.range[0].format(),
                endsAt: v.range[1].format(),
                periodName: v.periodName,
              })
            }
            onDone={reload}
          >
            <Field name="areaUnitId" label={b("area")}>
              <UnitSelect kinds={AREA_KINDS} />
            </Field>
            <Field name="officerUserId" label={b("officer")}>
              <OfficerSelect />
            </Field>
            <Field name="dutyPhone" label={b("dutyPhone")}>
              <Input />
            </Field>
            <Field name="range" label={`${b("startsAt")} ~ ${b("endsAt")}`} required>
              <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
            </Field>
            <Field name="periodName" label={b("periodName")}>
              <Input />
            </Field>
          </FormButton>
          <FormButton<{
            areaUnitId: string;
            range: [Dayjs, Dayjs];
            periodName: string;
            officers: string[];
            dutyPhone: string;
          }>
            label={b("roster24")}
            url={`${BASE}/rosters/24h`}
            schema={ZRoster24}
            toBody={(v) => ({
              areaUnitId: v.areaUnitId,
              from: day(v.range[0]),
              to: day(v.range[1]),
              periodName: v.periodName,
              officers: v.officers.map((userId) => ({ userId, dutyPhone: v.dutyPhone })),
            })}
            onDone={reload}
          >
            <Field name="areaUnitId" label={b("area")}>
              <UnitSelect kinds={AREA_KINDS} />
            </Field>
            <Field name="range" label={b("period")} required>
              <DatePicker.RangePicker />
            </Field>
            <Field name="periodName" label={b("periodName")}>
              <Input />
            </Field>
            <Field name="officers" label={b("officers")}>
              <OfficerSelect multiple />
            </Field>
            <Field name="dutyPhone" label={b("dutyPhone")} required>
              <Input />
            </Field>
          </FormButton>
        </>
      )}
      columns={[
        { title: b("startsAt"), render: (_, s) => at(s.startsAt) },
        { title: b("endsAt"), render: (_, s) => at(s.endsAt) },
        { title: b("area"), dataIndex: "areaName" },
        { title: b("officer"), dataIndex: "officerName" },
        { title: b("dutyPhone"), dataIndex: "dutyPhone" },
        { title: b("periodName"), dataIndex: "periodName" },
        { title: b("log"), render: (_, s) => s.log.length },
        { title: b("status"), render: (_, s) => <StatusTag group="shiftStatus" value={s.status} /> },
      ]}
      detail={{ title: "shifts", render: (id, reload) => <ShiftDetail id={id} onChange={reload} /> }}
    />
  );
}

function FiguresTab() {
  const { b, lb } = useB();
  return (
    <FiguresPanel<Figures>
      url={`${BASE}/figures`}
      period="range"
      row={(data) => [
        [b("fShifts"), data.shifts],
        [b("roster24"), data.roundTheClockShifts],
        [b("fLogEntries"), data.logEntries],
        [lb("logKind", "call"), data.calls],
        [lb("logKind", "visit"), data.visits],
        [lb("logKind", "incident"), data.incidents],
      ]}
    />
  );
}

/** 值班: who is on duty now, shifts and 24-hour rosters, the duty log, figures. */
export function DutyPage() {
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <CurrentDutyCard />
      <ModulePage
        title="menuDuty"
        tabs={[
          ["shifts", "shifts", ShiftsTab],
          ["figures", "figures", FiguresTab],
        ]}
      />
    </Space>
  );
}
