import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Tag } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import {
  DISPUTE_KINDS,
  DISPUTE_STATUSES,
  MEASURES,
  RISK_LEVELS,
  type ZCampaign,
  ZCampaignCreate,
  ZClearance,
  type ZDispute,
  type ZDisputeFigures,
  ZHandover,
  ZLinkCase,
  ZReportCreate,
  ZResolveDispute,
} from "../../../../../domain/schemas/bureau/disputes.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { Field, FormButton } from "../form.tsx";
import {
  clean,
  DownloadButton,
  day,
  FigureTable,
  ModulePage,
  pct,
  ServerError,
  StatusTag,
  useB,
  useRecord,
} from "../kit.tsx";
import { AREA_KINDS, CaseLink, CaseSelect, RESPONSIBLE_KINDS, UnitSelect } from "../pickers.tsx";
import { FiguresPanel, RecordList } from "../record-list.tsx";

type Dispute = z.infer<typeof ZDispute>;
type Campaign = z.infer<typeof ZCampaign>;
type Figures = z.infer<typeof ZDisputeFigures>;
const BASE = "/api/bureau/disputes";

function useCampaigns() {
  // Every campaign for the pickers (a county holds a few a year).
  return useApi<{ items: Campaign[] }>(`${BASE}/campaigns?pageSize=200`);
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
  const opts = (group: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: lb(group, v) }));
  return (
    <FormButton<ReportForm>
      label={b("newReport")}
      primary
      width={860}
      url={`${BASE}/reports`}
      schema={ZReportCreate}
      testId="new-report"
      initialValues={{ period: dayjs().subtract(1, "month"), disputes: [] }}
      toBody={(v) => clean({ ...v, period: v.period.format("YYYY-MM"), disputes: v.disputes ?? [] })}
      onDone={onDone}
    >
      <Field name="areaUnitId" label={b("area")}>
        <UnitSelect kinds={AREA_KINDS} testId="report-area" />
      </Field>
      <Space>
        <Field name="period" label={b("month")}>
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
                    <Select style={{ width: 140 }} options={opts("disputeKind", DISPUTE_KINDS)} />
                  </Form.Item>
                  <Form.Item name={[f.name, "riskLevel"]} label={b("riskLevel")} rules={[{ required: true }]}>
                    <Select style={{ width: 90 }} options={opts("risk", RISK_LEVELS)} />
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

/** The mediation agreement (调解协议书) that settled the dispute, with its document. */
function AgreementCard({ a }: { a: NonNullable<Dispute["agreement"]> }) {
  const { b } = useB();
  return (
    <Card size="small" title={b("agreement")} style={{ marginTop: 12 }} data-testid="dispute-agreement">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={b("agreementNumber")}>{a.number}</Descriptions.Item>
        <Descriptions.Item label={b("agreementSignedOn")}>{a.signedOn}</Descriptions.Item>
        <Descriptions.Item label={b("parties")}>
          {a.parties.map((p) => `${p.name}（${p.role}）`).join("、")}
        </Descriptions.Item>
        <Descriptions.Item label={b("agreementTerms")}>{a.termsSummary}</Descriptions.Item>
        <Descriptions.Item label={b("agreementMediator")}>{a.mediator}</Descriptions.Item>
        <Descriptions.Item label={b("case")}>
          <CaseLink c={a.case} />
        </Descriptions.Item>
      </Descriptions>
      {a.document && (
        <DownloadButton
          label={b("downloadAgreement")}
          url={`/api/cases/${a.case.id}/documents/${a.document.id}/docx`}
          fallbackName={`${a.number}-调解协议书.docx`}
          testId="download-agreement"
        />
      )}
    </Card>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { b, lb } = useB();
  const { data, error, done } = useRecord<Dispute>(`${BASE}/${id}`, onChange);
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
      {data.agreement && <AgreementCard a={data.agreement} />}
      <Space style={{ marginTop: 12 }}>
        {data.status !== "resolved" && (
          <FormButton<{ resolution: string; measure?: string }>
            label={b("resolve")}
            primary
            url={`${BASE}/${id}/resolve`}
            schema={ZResolveDispute}
            onDone={done}
          >
            <Field name="resolution" label={b("resolution")}>
              <Input.TextArea rows={3} />
            </Field>
            <Field name="measure" label={b("measure")}>
              <Select allowClear options={MEASURES.map((m) => ({ value: m, label: lb("measure", m) }))} />
            </Field>
          </FormButton>
        )}
        {!data.case && (
          <FormButton<{ caseId: string }>
            label={b("linkCase")}
            url={`${BASE}/${id}/link-case`}
            schema={ZLinkCase}
            onDone={done}
          >
            <Field name="caseId" label={b("case")}>
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
  const campaigns = useCampaigns();
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <RecordList<Dispute>
      url={BASE}
      testId="disputes-table"
      filters={[
        { kind: "select", key: "status", label: "status", values: DISPUTE_STATUSES, group: "disputeStatus" },
        {
          kind: "select",
          key: "riskLevel",
          label: "riskLevel",
          values: RISK_LEVELS,
          group: "risk",
          width: 110,
        },
        { kind: "year", key: "year", label: "year" },
        {
          kind: "select",
          key: "campaignId",
          label: "campaigns",
          width: 200,
          options: (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
        },
      ]}
      selection={{ selected, onChange: setSelected }}
      toolbar={(reload) => (
        <>
          <ReportButton onDone={reload} />
          <FormButton<{ quarter: string; unitId: string }>
            label={`${b("handover")}（${selected.length}）`}
            url={`${BASE}/handovers`}
            schema={ZHandover}
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
            schema={ZClearance}
            initialValues={{ year: dayjs().year() - 1 }}
            toBody={clean}
            onDone={reload}
          >
            <Field name="areaUnitId" label={b("area")}>
              <UnitSelect kinds={AREA_KINDS} />
            </Field>
            <Field name="year" label={b("year")}>
              <InputNumber min={2000} max={2100} />
            </Field>
            <Field name="note" label={b("note")}>
              <Input />
            </Field>
          </FormButton>
        </>
      )}
      columns={[
        { title: b("area"), dataIndex: "areaName" },
        { title: b("month"), dataIndex: "period" },
        { title: b("kind"), render: (_, r) => lb("disputeKind", r.kind) },
        { title: b("parties"), dataIndex: "parties", ellipsis: true },
        { title: b("riskLevel"), render: (_, r) => <StatusTag group="risk" value={r.riskLevel} /> },
        { title: b("status"), render: (_, r) => <StatusTag group="disputeStatus" value={r.status} /> },
        {
          title: b("case"),
          render: (_, r) => (
            <Space size={4}>
              <CaseLink c={r.case} />
              {r.agreement && (
                <Tag color="green" data-testid="agreement-tag" title={r.agreement.number}>
                  {b("agreementTag")}
                </Tag>
              )}
            </Space>
          ),
        },
      ]}
      detail={{ title: "disputes", render: (id, reload) => <Detail id={id} onChange={reload} /> }}
    />
  );
}

function CampaignsTab() {
  const { b } = useB();
  return (
    <RecordList<Campaign>
      url={`${BASE}/campaigns`}
      toolbar={(reload) => (
        <FormButton<{ areaUnitId: string; name: string; occasion?: string; range: [Dayjs, Dayjs] }>
          label={b("newCampaign")}
          primary
          url={`${BASE}/campaigns`}
          schema={ZCampaignCreate}
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
          <Field name="areaUnitId" label={b("area")}>
            <UnitSelect kinds={AREA_KINDS} />
          </Field>
          <Field name="name" label={b("campaignName")}>
            <Input />
          </Field>
          <Field name="occasion" label={b("occasion")}>
            <Input />
          </Field>
          <Field name="range" label={b("period")} required>
            <DatePicker.RangePicker />
          </Field>
        </FormButton>
      )}
      columns={[
        { title: b("campaignName"), dataIndex: "name" },
        { title: b("area"), dataIndex: "areaName" },
        { title: b("occasion"), dataIndex: "occasion" },
        { title: b("period"), render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
        { title: b("disputes"), dataIndex: "disputes" },
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
        [b("fScreened"), data.screened],
        [b("fResolved"), data.resolved],
        [b("fResolutionRate"), pct(data.resolutionRate)],
        [b("fHandedOver"), data.handedOver],
        [b("open"), data.open],
        [b("fHighRisk"), data.highRisk],
      ]}
    >
      {(data) => (
        <>
          <FigureTable
            rows={data.byTownship}
            rowKey="areaName"
            columns={[
              { title: b("area"), dataIndex: "areaName" },
              { title: b("fScreened"), dataIndex: "screened" },
              { title: b("fResolved"), dataIndex: "resolved" },
              { title: b("fResolutionRate"), render: (_, r) => pct(r.resolutionRate) },
            ]}
          />
          <FigureTable
            rows={data.byKind}
            rowKey="kind"
            columns={[
              { title: b("kind"), render: (_, r) => lb("disputeKind", r.kind) },
              { title: b("fScreened"), dataIndex: "screened" },
              { title: b("fResolved"), dataIndex: "resolved" },
            ]}
          />
        </>
      )}
    </FiguresPanel>
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
