import { Alert, App, Button, Card, Empty, Select, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { z } from "zod";
import { WARNING_SCAN_ROLES } from "../../../../domain/warnings/access.ts";
import type { ZWarning } from "../../../../domain/warnings/schemas.ts";
import { WARNING_KINDS, WARNING_STATUSES } from "../../../../domain/warnings/types.ts";
import { ApiError, post, queryString } from "../../../api/client.ts";
import { useOptionalMe } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { format, useLocale } from "../../../i18n/locale.tsx";
import { DigestCard } from "./DigestCard.tsx";
import { KIND_COLORS, KIND_LABELS, W, WARNING_STATUS_LABELS } from "./labels.ts";
import { WarningDrawer } from "./WarningDrawer.tsx";

export type Warning = z.infer<typeof ZWarning>;

/**
 * Early warnings across cases (预警研判): the list with kind and status filters kept in the URL,
 * the detail drawer with the evidence cases and the buttons the server's abilities allow, and the
 * latest daily digest for those who may read it.
 */
export function WarningsPage() {
  const { locale, l } = useLocale();
  const [params, setParams] = useSearchParams();
  const kind = params.get("kind") ?? undefined;
  const status = params.get("status") ?? undefined;
  const page = Number(params.get("page") ?? "1") || 1;
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useApi<{ items: Warning[]; total: number }>(
    `/api/warnings${queryString({ kind, status, page, pageSize: 20 })}`,
  );
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== "page") next.delete("page");
    setParams(next);
  };
  const bi = (b: { zh: string; en: string }) => (locale === "en" ? b.en : b.zh);
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Card title={<span data-testid="warnings-title">{bi(W.title!)}</span>}>
        <Typography.Paragraph type="secondary">{bi(W.intro!)}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            data-testid="filter-kind"
            style={{ width: 200 }}
            allowClear
            placeholder={bi(W.kind!)}
            value={kind}
            onChange={(v: string | undefined) => set("kind", v)}
            options={WARNING_KINDS.map((k) => ({ value: k, label: l(KIND_LABELS, k) }))}
          />
          <Select
            data-testid="filter-status"
            style={{ width: 160 }}
            allowClear
            placeholder={bi(W.status!)}
            value={status}
            onChange={(v: string | undefined) => set("status", v)}
            options={WARNING_STATUSES.map((s) => ({ value: s, label: l(WARNING_STATUS_LABELS, s) }))}
          />
        </Space>
        {list.error && <Alert type="error" title={list.error.text(locale)} />}
        <Table<Warning>
          data-testid="warnings-table"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <NoWarnings onScanned={list.reload} /> }}
          onRow={(w) => ({ onClick: () => setOpenId(w.id), style: { cursor: "pointer" } })}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: (p) => set("page", String(p)),
          }}
          columns={[
            {
              title: bi(W.kind!),
              dataIndex: "kind",
              render: (k: Warning["kind"]) => <Tag color={KIND_COLORS[k]}>{l(KIND_LABELS, k)}</Tag>,
            },
            { title: bi(W.subject!), dataIndex: "subject" },
            {
              title: bi(W.summary!),
              render: (_: unknown, w) => <span data-testid="warning-summary">{bi(w.summary)}</span>,
            },
            { title: bi(W.cases!), dataIndex: "caseCount", width: 80 },
            {
              title: bi(W.status!),
              dataIndex: "status",
              render: (s: Warning["status"]) => (
                <Tag
                  data-testid="warning-status"
                  color={s === "open" ? "red" : s === "acknowledged" ? "gold" : "default"}
                >
                  {l(WARNING_STATUS_LABELS, s)}
                </Tag>
              ),
            },
            {
              title: bi(W.raisedAt!),
              dataIndex: "raisedAt",
              render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
            },
          ]}
        />
      </Card>
      <DigestCard />
      <WarningDrawer id={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />
    </Space>
  );
}

/**
 * An empty list says when the analysis runs (the daily job at 07:00, server/jobs/warnings-daily.ts)
 * and, for the roles the scan endpoint lets run it, offers to run it now.
 */
function NoWarnings({ onScanned }: { onScanned(): void }) {
  const { locale } = useLocale();
  const { message } = App.useApp();
  const me = useOptionalMe();
  const mayScan = me?.roles.some((r) => WARNING_SCAN_ROLES.includes(r)) ?? false;
  const [busy, setBusy] = useState(false);
  const bi = (b: { zh: string; en: string }) => (locale === "en" ? b.en : b.zh);
  const scan = async () => {
    setBusy(true);
    try {
      const r = await post<{ raised: number; updated: number }>("/api/warnings/scan");
      message.success(format(bi(W.scanDone!), { raised: r.raised, updated: r.updated }));
      onScanned();
    } catch (e) {
      message.error(e instanceof ApiError ? e.text(locale) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Empty
      data-testid="warnings-empty"
      description={
        <Space orientation="vertical" size={4} style={{ maxWidth: 560 }}>
          <Typography.Text>{bi(W.emptyNothingFound!)}</Typography.Text>
          <Typography.Text type="secondary" data-testid="warnings-schedule">
            {bi(W.whenScanned!)}
          </Typography.Text>
          {!mayScan && <Typography.Text type="secondary">{bi(W.emptyAskOffice!)}</Typography.Text>}
        </Space>
      }
    >
      {mayScan && (
        <Button type="primary" loading={busy} onClick={() => void scan()} data-testid="warnings-scan-now">
          {bi(W.scanNow!)}
        </Button>
      )}
    </Empty>
  );
}
