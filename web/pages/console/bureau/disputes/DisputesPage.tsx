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
  Table,
} from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import type { ZCampaign, ZDispute, ZDisputeFigures } from "../../../../../domain/schemas/bureau/disputes.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import {
  AREA_KINDS,
  CaseLink,
  CaseSelect,
  clean,
  day,
  Field,
  FigureRow,
  FormButton,
  ModulePage,
  pct,
  qs,
  RESPONSIBLE_KINDS,
  ServerError,
  StatusTag,
  UnitSelect,
  useB,
} from "../kit.tsx";

type Dispute = z.infer<typeof ZDispute>;
type Campaign = z.infer<typeof ZCampaign>;
type Figures = z.infer<typeof ZDisputeFigures>;
const BASE = "/api/bureau/disputes";
const KINDS = [
  "neighbour",
  "wages",
  "land",
  "village_election",
  "family",
  "contract",
  "compensation",
  "environment",
  "other",
];
const RISKS = ["low", "medium", "high"];
const MEASURES = ["people_mediation", "judicial_mediation", "administrative_mediation", "other"];
const STATUSES = ["open", "handed_over", "resolved"];

function useCampaigns() {
  return useApi<{ items: Campaign[] }>(`${BASE}/campaigns`);
}

interface ReportForm {
  areaUnitId: string;
  period: Dayjs;
  campaignId?: string;
  note?: string;
  disputes?: {
    kind: string;
    parties: string;
    place: string;
    summary: string;
    riskLevel: string;
    measure: string;
    measuresText?: string;
  }[];
}

function ReportButton({ onDone }: { onDone(): void }) {
  const { b, lb } = useB();
  const campaigns = useCampaigns();
  const opts = (group: string, values: string[]) => values.map((v) => ({ value: v, label: lb(group, v) }));
  return (
    <FormButton<ReportForm>
      label={b("newReport")}
      primary
      width={860}
      url={`${BASE}/reports`}
      testId="new-report"
      initialValues={{ period: dayjs().subtract(1, "month"), disputes: [] }}
      toBody={(v) => clean({ ...v, period: v.period.format("YYYY-MM"), disputes: v.disputes ?? [] })}
      onDone={onDone}
    >
      <Field name="areaUnitId" label={b("area")} required>
        <UnitSelect kinds={AREA_KINDS} testId="report-area" />
      </Field>
      <Space>
        <Field name="period" label={b("month")} required>
          <DatePicker picker="month" />
        </Field>
        <Field name="campaignId" label={b("campaigns")}>
          <Select
            allowClear
            style={{ width: 240 }}
            options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Field>
      </Space>
      <Field name="note" label={b("note")} extra={b("emptyReportHint")}>
        <Input />
      </Field>
      <Form.List name="disputes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                <Space wrap align="baseline">
                  <Form.Item name={[f.name, "kind"]} label={b("kind")} rules={[{ required: true }]}>
                    <Select style={{ width: 140 }} options={opts("disputeKind", KINDS)} />
                  </Form.Item>
                  <Form.Item name={[f.name, "riskLevel"]} label={b("riskLevel")} rules={[{ required: true }]}>
                    <Select style={{ width: 90 }} options={opts("risk", RISKS)} />
                  </Form.Item>
                  <Form.Item name={[f.name, "measure"]} label={b("measure")} rules={[{ required: true }]}>
                    <Select style={{ width: 150 }} options={opts("measure", MEASURES)} />
                  </Form.Item>
                </Space>
                <Form.Item name={[f.name, "parties"]} label={b("parties")} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, "place"]} label={b("place")} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, "summary"]} label={b("summary")} rules={[{ required: true }]}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>{b("remove")}</Button>
              </Card>
            ))}
            <Button onClick={() => add({ kind: "neighbour", riskLevel: "low", measure: "people_mediation" })}>
              {b("add")} {b("disputes")}
            </Button>
          </>
        )}
      </Form.List>
    </FormButton>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { b, lb } = useB();
  const { data, error, reload } = useApi<Dispute>(`${BASE}/${id}`);
  const done = () => {
    reload();
    onChange();
  };
  if (!data) return <ServerError error={error} />;
  return (
    <div data-testid="dispute-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={b("area")}>{data.areaName}</Descriptions.Item>
        <Descriptions.Item label={b("month")}>{data.period}</Descriptions.Item>
        <Descriptions.Item label={b("kind")}>{lb("disputeKind", data.kind)}</Descriptions.Item>
        <Descriptions.Item label={b("parties")}>{data.parties}</Descriptions.Item>
        <Descriptions.Item label={b("place")}>{data.place}</Descriptions.Item>
        <Descriptions.Item label={b("summary")}>{data.summary}</Descriptions.Item>
        <Descriptions.Item label={b("riskLevel")}>
          <StatusTag group="risk" value={data.riskLevel} />
        </Descriptions.Item>
        <Descriptions.Item label={b("measure")}>{lb("measure", data.measure)}</Descriptions.Item>
        <Descriptions.Item label={b("status")}>
          <StatusTag group="disputeStatus" value={data.status} />
        </Descriptions.Item>
        {data.handedUnitName && (
          <Descriptions.Item
            label={b("handedTo")}
          >{`${data.handedUnitName}（${data.handedQuarter}）`}</Descriptions.Item>
        )}
        {data.resolution && <Descriptions.Item label={b("resolution")}>{data.resolution}</Descriptions.Item>}
        <Descriptions.Item label={b("case")}>
          <CaseLink c={data.case} />
        </Descriptions.Item>
      </Descriptions>
      <Space style={{ marginTop: 12 }}>
        {data.status !== "resolved" && (
          <FormButton<{ resolution: string; measure?: string }>
            label={b("resolve")}
            primary
            url={`${BASE}/${id}/resolve`}
            onDone={done}
          >
            <Field name="resolution" label={b("resolution")} required>
              <Input.TextArea rows={3} />
            </Field>
            <Field name="measure" label={b("measure")}>
              <Select allowClear options={MEASURES.map((m) => ({ value: m, label: lb("measure", m) }))} />
            </Field>
          </FormButton>
        )}
        {!data.case && (
          <FormButton<{ caseId: string }> label={b("linkCase")} url={`${BASE}/${id}/link-case`} onDone={done}>
            <Field name="caseId" label={b("case")} required>
              <CaseSelect />
            </Field>
          </FormButton>
        )}
      </Space>
    </div>
  );
}

function ListTab() {
  const { b, lb } = useB();
  const [f, setF] = useState<{ status?: string; riskLevel?: string; year?: number; campaignId?: string }>({});
  const { data, error, loading, reload } = useApi<{ items: Dispute[] }>(`${BASE}${qs(f)}`);
  const campaigns = useCampaigns();
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={b("status")}
          style={{ width: 120 }}
          value={f.status}
          onChange={(status) => setF({ ...f, status })}
          options={STATUSES.map((s) => ({ value: s, label: lb("disputeStatus", s) }))}
        />
        <Select
          allowClear
          placeholder={b("riskLevel")}
          style={{ width: 110 }}
          value={f.riskLevel}
          onChange={(riskLevel) => setF({ ...f, riskLevel })}
          options={RISKS.map((s) => ({ value: s, label: lb("risk", s) }))}
        />
        <InputNumber
          placeholder={b("year")}
          min={2000}
          max={2100}
          value={f.year}
          onChange={(y) => setF({ ...f, year: y ?? undefined })}
        />
        <Select
          allowClear
          placeholder={b("campaigns")}
          style={{ width: 200 }}
          value={f.campaignId}
          onChange={(campaignId) => setF({ ...f, campaignId })}
          options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <ReportButton onDone={reload} />
        <FormButton<{ quarter: string; unitId: string }>
          label={`${b("handover")}（${selected.length}）`}
          url={`${BASE}/handovers`}
          toBody={(v) => ({
            quarter: v.quarter,
            items: selected.map((disputeId) => ({ disputeId, unitId: v.unitId })),
          })}
          onDone={() => {
            setSelected([]);
            reload();
          }}
        >
          <Form.Item
            name="quarter"
            label={`${b("quarter")}（2026Q1）`}
            rules={[{ required: true, pattern: /^[0-9]{4}Q[1-4]$/ }]}
          >
            <Input />
          </Form.Item>
          <Field name="unitId" label={b("handedTo")} required>
            <UnitSelect kinds={RESPONSIBLE_KINDS} />
          </Field>
        </FormButton>
        <FormButton<{ areaUnitId: string; year: number; note?: string }>
          label={b("clearance")}
          url={`${BASE}/clearances`}
          initialValues={{ year: dayjs().year() - 1 }}
          toBody={clean}
          onDone={reload}
        >
          <Field name="areaUnitId" label={b("area")} required>
            <UnitSelect kinds={AREA_KINDS} />
          </Field>
          <Field name="year" label={b("year")} required>
            <InputNumber min={2000} max={2100} />
          </Field>
          <Field name="note" label={b("note")}>
            <Input />
          </Field>
        </FormButton>
      </Space>
      <ServerError error={error} />
      <Table<Dispute>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        data-testid="disputes-table"
        pagination={{ pageSize: 20 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: "pointer" } })}
        columns={[
          { title: b("area"), dataIndex: "areaName" },
          { title: b("month"), dataIndex: "period" },
          { title: b("kind"), render: (_, r) => lb("disputeKind", r.kind) },
          { title: b("parties"), dataIndex: "parties", ellipsis: true },
          { title: b("riskLevel"), render: (_, r) => <StatusTag group="risk" value={r.riskLevel} /> },
          { title: b("status"), render: (_, r) => <StatusTag group="disputeStatus" value={r.status} /> },
          { title: b("case"), render: (_, r) => <CaseLink c={r.case} /> },
        ]}
      />
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} size="large" title={b("disputes")}>
        {openId && <Detail id={openId} onChange={reload} />}
      </Drawer>
    </>
  );
}

function CampaignsTab() {
  const { b } = useB();
  const { data, error, loading, reload } = useCampaigns();
  return (
    <>
      <FormButton<{ areaUnitId: string; name: string; occasion?: string; range: [Dayjs, Dayjs] }>
        label={b("newCampaign")}
        primary
        url={`${BASE}/campaigns`}
        toBody={(v) =>
          clean({
            areaUnitId: v.areaUnitId,
            name: v.name,
            occasion: v.occasion,
            startsOn: day(v.range[0]),
            endsOn: day(v.range[1]),
          })
        }
        onDone={reload}
      >
        <Field name="areaUnitId" label={b("area")} required>
          <UnitSelect kinds={AREA_KINDS} />
        </Field>
        <Field name="name" label={b("campaignName")} required>
          <Input />
        </Field>
        <Field name="occasion" label={b("occasion")}>
          <Input />
        </Field>
        <Field name="range" label={b("period")} required>
          <DatePicker.RangePicker />
        </Field>
      </FormButton>
      <ServerError error={error} />
      <Table<Campaign>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={loading}
        dataSource={data?.items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: b("campaignName"), dataIndex: "name" },
          { title: b("area"), dataIndex: "areaName" },
          { title: b("occasion"), dataIndex: "occasion" },
          { title: b("period"), render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          { title: b("disputes"), dataIndex: "disputes" },
        ]}
      />
    </>
  );
}

function FiguresTab() {
  const { b, lb } = useB();
  const [year, setYear] = useState<number | undefined>(dayjs().year());
  const { data, error } = useApi<Figures>(`${BASE}/figures${qs({ year })}`);
  return (
    <>
      <InputNumber
        placeholder={b("year")}
        min={2000}
        max={2100}
        value={year}
        onChange={(y) => setYear(y ?? undefined)}
      />
      <ServerError error={error} />
      {data && (
        <>
          <FigureRow
            items={[
              [b("fScreened"), data.screened],
              [b("fResolved"), data.resolved],
              [b("fResolutionRate"), pct(data.resolutionRate)],
              [b("fHandedOver"), data.handedOver],
              [b("open"), data.open],
              [b("fHighRisk"), data.highRisk],
            ]}
          />
          <Table
            rowKey="areaName"
            size="small"
            style={{ marginTop: 12 }}
            pagination={false}
            dataSource={data.byTownship}
            columns={[
              { title: b("area"), dataIndex: "areaName" },
              { title: b("fScreened"), dataIndex: "screened" },
              { title: b("fResolved"), dataIndex: "resolved" },
              { title: b("fResolutionRate"), render: (_, r) => pct(r.resolutionRate) },
            ]}
          />
          <Table
            rowKey="kind"
            size="small"
            style={{ marginTop: 12 }}
            pagination={false}
            dataSource={data.byKind}
            columns={[
              { title: b("kind"), render: (_, r) => lb("disputeKind", r.kind) },
              { title: b("fScreened"), dataIndex: "screened" },
              { title: b("fResolved"), dataIndex: "resolved" },
            ]}
          />
        </>
      )}
    </>
  );
}

/** 矛盾纠纷排查化解: monthly reports, campaigns, quarterly hand-over, year-end clearance, figures. */
export function DisputesPage() {
  return (
    <ModulePage
      title="menuDisputes"
      tabs={[
        ["list", "disputes", ListTab],
        ["campaigns", "campaigns", CampaignsTab],
        ["figures", "figures", FiguresTab],
      ]}
    />
  );
}
