import { DatePicker, Descriptions, Input, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import type { z } from "zod";
import {
  ITEM_KINDS,
  ITEM_STATUSES,
  type ZBulletin,
  ZBulletinDraft,
  ZFlagCreate,
  type ZItem,
  ZOrderCreate,
  ZReason,
  ZReminderCreate,
  type ZSupervisionFigures,
  ZText,
} from "../../../../../domain/schemas/bureau/supervision.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { ActionButton, Field, FormButton, ReasonButton } from "../form.tsx";
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

type Item = z.infer<typeof ZItem>;
type Bulletin = z.infer<typeof ZBulletin>;
type Figures = z.infer<typeof ZSupervisionFigures>;
const BASE = "/api/bureau/supervision";

function IssueButtons({ onDone }: { onDone(): void }) {
  const { b } = useB();
  const caseAndUnit = (
    <>
      <Field name="caseId" label={b("case")} required>
        <CaseSelect />
      </Field>
      <Field name="unitId" label={b("unit")}>
        <UnitSelect kinds={RESPONSIBLE_KINDS} />
      </Field>
    </>
  );
  return (
    <>
      <FormButton<{ caseId: string; unitId?: string; text: string }>
        label={b("newReminder")}
        url={`${BASE}/reminders`}
        schema={ZReminderCreate}
        toBody={clean}
        onDone={onDone}
        testId="new-reminder"
      >
        {caseAndUnit}
        <Field name="text" label={b("text")}>
          <Input.TextArea rows={3} />
        </Field>
      </FormButton>
      <FormButton<{ caseId: string; unitId?: string; requirements: string; replyDueOn?: Dayjs }>
        label={b("newOrder")}
        url={`${BASE}/orders`}
        schema={ZOrderCreate}
        toBody={(v) => clean({ ...v, replyDueOn: day(v.replyDueOn) })}
        onDone={onDone}
      >
        {caseAndUnit}
        <Field name="requirements" label={b("requirements")}>
          <Input.TextArea rows={3} />
        </Field>
        <Field name="replyDueOn" label={b("replyDueOn")}>
          <DatePicker />
        </Field>
      </FormButton>
      <FormButton<{ caseId: string; unitId?: string; reason: string; leaderName: string }>
        label={b("newFlag")}
        url={`${BASE}/flags`}
        schema={ZFlagCreate}
        toBody={clean}
        onDone={onDone}
      >
        {caseAndUnit}
        <Field name="reason" label={b("reason")}>
          <Input.TextArea rows={3} />
        </Field>
        <Field name="leaderName" label={b("leaderName")}>
          <Input />
        </Field>
      </FormButton>
    </>
  );
}

function ItemDetail({ id, onChange }: { id: string; onChange(): void }) {
  const { b, lb } = useB();
  const { data, error, done } = useRecord<Item>(`${BASE}/items/${id}`, onChange);
  if (!data) return <ServerError error={error} />;
  const reason = (label: string, path: string) => (
    <ReasonButton label={label} url={`${BASE}/${path}`} schema={ZReason} onDone={done} />
  );
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={b("kind")}>{lb("itemKind", data.kind)}</Descriptions.Item>
        {data.orderNumber && <Descriptions.Item label="#">{data.orderNumber}</Descriptions.Item>}
        <Descriptions.Item label={b("case")}>
          <CaseLink c={data.case} />
        </Descriptions.Item>
        <Descriptions.Item label={b("unit")}>{data.unitName}</Descriptions.Item>
        <Descriptions.Item label={b("text")}>{data.text}</Descriptions.Item>
        {data.leaderName && <Descriptions.Item label={b("leaderName")}>{data.leaderName}</Descriptions.Item>}
        {data.replyDueOn && (
          <Descriptions.Item label={b("replyDueOn")}>
            {data.replyDueOn} {data.isOverdue && <Tag color="red">{b("overdueOnly")}</Tag>}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={b("status")}>
          <StatusTag group="itemStatus" value={data.status} />
        </Descriptions.Item>
        {data.replyText && <Descriptions.Item label={b("reply")}>{data.replyText}</Descriptions.Item>}
        {data.closeNote && <Descriptions.Item label={b("note")}>{data.closeNote}</Descriptions.Item>}
      </Descriptions>
      <Space style={{ marginTop: 12 }} wrap>
        {data.kind === "order" && data.orderNumber && (
          <DownloadButton
            label={b("downloadOrder")}
            url={`${BASE}/items/${id}/order/docx`}
            fallbackName={`${data.orderNumber}-督办单.docx`}
            testId="download-order"
          />
        )}
        {data.kind === "order" && data.status === "issued" && (
          <FormButton<{ text: string }>
            label={b("reply")}
            primary
            url={`${BASE}/orders/${id}/reply`}
            schema={ZText}
            onDone={done}
          >
            <Field name="text" label={b("reply")}>
              <Input.TextArea rows={4} />
            </Field>
          </FormButton>
        )}
        {data.kind === "order" && data.status === "replied" && reason(b("accept"), `orders/${id}/accept`)}
        {data.kind === "order" && data.status === "replied" && reason(b("returnIt"), `orders/${id}/return`)}
        {data.kind === "flag" && data.status === "active" && reason(b("lift"), `flags/${id}/lift`)}
      </Space>
    </>
  );
}

function ItemsTab() {
  const { b, lb } = useB();
  return (
    <RecordList<Item>
      url={`${BASE}/items`}
      testId="items-table"
      filters={[
        { kind: "select", key: "kind", label: "kind", values: ITEM_KINDS, group: "itemKind", width: 120 },
        {
          kind: "select",
          key: "status",
          label: "status",
          values: ITEM_STATUSES,
          group: "itemStatus",
          width: 120,
        },
        { kind: "flag", key: "overdue", label: "overdueOnly" },
      ]}
      toolbar={(reload) => <IssueButtons onDone={reload} />}
      columns={[
        { title: b("kind"), render: (_, r) => lb("itemKind", r.kind) },
        { title: "#", render: (_, r) => r.orderNumber ?? "" },
        { title: b("case"), render: (_, r) => <CaseLink c={r.case} /> },
        { title: b("unit"), dataIndex: "unitName" },
        {
          title: b("replyDueOn"),
          render: (_, r) =>
            r.replyDueOn ? (
              <span>
                {r.replyDueOn} {r.isOverdue && <Tag color="red">!</Tag>}
              </span>
            ) : (
              ""
            ),
        },
        { title: b("status"), render: (_, r) => <StatusTag group="itemStatus" value={r.status} /> },
        { title: b("date"), render: (_, r) => r.createdAt.slice(0, 10) },
      ]}
      detail={{ title: "items", render: (id, reload) => <ItemDetail id={id} onChange={reload} /> }}
    />
  );
}

function BulletinDetail({ id, onChange }: { id: string; onChange(): void }) {
  const { b, lb } = useB();
  const { data, error, reload } = useApi<Bulletin>(`${BASE}/bulletins/${id}`);
  if (!data) return <ServerError error={error} />;
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={b("conferenceTitle")}>{data.title}</Descriptions.Item>
        {data.bulletinNumber && <Descriptions.Item label="#">{data.bulletinNumber}</Descriptions.Item>}
        <Descriptions.Item label={b("period")}>{`${data.from} ~ ${data.to}`}</Descriptions.Item>
        <Descriptions.Item label={b("status")}>
          <StatusTag group="bulletinStatus" value={data.status} />
        </Descriptions.Item>
        {data.remarks && <Descriptions.Item label={b("remarks")}>{data.remarks}</Descriptions.Item>}
      </Descriptions>
      <Table
        rowKey="unitId"
        size="small"
        style={{ margin: "12px 0" }}
        pagination={false}
        dataSource={data.entries}
        columns={[
          { title: b("unit"), dataIndex: "unitName" },
          { title: b("fAssigned"), dataIndex: "assigned" },
          { title: b("overdueOnly"), dataIndex: "overdue" },
          { title: "满意率", render: (_, e) => pct(e.satisfactionRate) },
          { title: b("verdict"), render: (_, e) => lb("verdict", e.verdict) },
        ]}
      />
      <Space>
        {data.status === "draft" && (
          <ActionButton
            label={b("issue")}
            url={`${BASE}/bulletins/${id}/issue`}
            onDone={() => {
              reload();
              onChange();
            }}
          />
        )}
        <DownloadButton
          label={b("downloadWord")}
          url={`${BASE}/bulletins/${id}/document`}
          fallbackName="信访通报.docx"
        />
      </Space>
    </>
  );
}

function BulletinsTab() {
  const { b, lb } = useB();
  return (
    <RecordList<Bulletin>
      url={`${BASE}/bulletins`}
      toolbar={(reload) => (
        <FormButton<{ areaUnitId: string; range: [Dayjs, Dayjs]; title?: string; remarks?: string }>
          label={b("newBulletin")}
          primary
          url={`${BASE}/bulletins`}
          schema={ZBulletinDraft}
          toBody={(v) =>
            clean({
              areaUnitId: v.areaUnitId,
              from: day(v.range[0]),
              to: day(v.range[1]),
              title: v.title,
              remarks: v.remarks,
            })
          }
          onDone={reload}
        >
          <Field name="areaUnitId" label={b("area")}>
            <UnitSelect kinds={AREA_KINDS} />
          </Field>
          <Field name="range" label={b("period")} required>
            <DatePicker.RangePicker />
          </Field>
          <Field name="title" label={b("conferenceTitle")}>
            <Input />
          </Field>
          <Field name="remarks" label={b("remarks")}>
            <Input.TextArea rows={2} />
          </Field>
        </FormButton>
      )}
      columns={[
        { title: "#", render: (_, r) => r.bulletinNumber ?? "" },
        { title: b("conferenceTitle"), dataIndex: "title" },
        { title: b("period"), render: (_, r) => `${r.from} ~ ${r.to}` },
        { title: b("status"), render: (_, r) => lb("bulletinStatus", r.status) },
      ]}
      detail={{ title: "bulletins", render: (id, reload) => <BulletinDetail id={id} onChange={reload} /> }}
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
        [b("fReminders"), data.reminders],
        [b("fOrders"), data.orders],
        [b("reply"), data.ordersReplied],
        [b("fOnTimeReply"), pct(data.onTimeReplyRate)],
        [b("fFlags"), data.flagsActive + data.flagsLifted],
        [b("fBulletins"), data.bulletinsIssued],
      ]}
    />
  );
}

/** 督查督办: reminders, orders with replies, flags, bulletins with their Word document, figures. */
export function SupervisionPage() {
  return (
    <ModulePage
      title="menuSupervision"
      tabs={[
        ["items", "items", ItemsTab],
        ["bulletins", "bulletins", BulletinsTab],
        ["figures", "figures", FiguresTab],
      ]}
    />
  );
}
