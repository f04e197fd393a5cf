import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { TAdminReset, TAdminResetList } from "../../../../../domain/schemas/admin.ts";
import { post } from "../../../../api/client.ts";
import { useSession } from "../../../../hooks/session.tsx";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import { mayDecideReset } from "../access.ts";
import { RESET_STATUS_LABELS } from "../admin-labels.ts";
import { useAdminAction } from "../use-admin-action.ts";
import { type ResetCandidate, ResetRequestModal } from "./ResetRequestModal.tsx";

const STATUS_COLOURS: Record<TAdminReset["status"], string> = {
  pending: "gold",
  approved: "green",
  rejected: "red",
  expired: "default",
};

const when = (iso: string | null) => (iso ? dayjs(iso).format("YYYY-MM-DD HH:mm") : "");

/**
 * The two-person resets of administrators' passwords, for the three administrators: the requests
 * with their state, and 批准 / 驳回 for the third administrator of an open one. The system and
 * security administrators, who see the user list, may also ask for one here.
 */
export function AdminResetsPage() {
  const { t, l, locale } = useLocale();
  const { me } = useSession();
  const { data, error, loading, reload } = useApi<TAdminResetList>("/api/admin/admin-resets");
  // The answer names the administrators' accounts, so each of the three may ask (the audit
  // administrator reads no user list).
  const candidates: ResetCandidate[] = (data?.administrators ?? [])
    .filter((a) => a.id !== me?.id)
    .map((a) => ({ id: a.id, username: a.username, displayName: a.displayName, roles: [a.role] }));
  const canList = candidates.length > 0;
  const [asking, setAsking] = useState(false);
  const run = useAdminAction();
  const decide = (r: TAdminReset, decision: "approve" | "reject") =>
    void run(
      () => post(`/api/admin/admin-resets/${r.id}/${decision}`),
      reload,
      t(decision === "approve" ? "adminResetApproved" : "adminResetRejected", { name: r.targetUsername }),
    );

  return (
    <Card
      title={t("adminResets")}
      extra={
        canList && (
          <Button type="primary" onClick={() => setAsking(true)} data-testid="reset-new">
            {t("adminResetNew")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("adminResetsHelp")}</Typography.Paragraph>
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      <Table<TAdminReset>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t("adminResetsEmpty") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="reset-table"
        columns={[
          { title: t("adminResetTarget"), dataIndex: "targetUsername", width: 140 },
          { title: t("adminResetRequestedBy"), dataIndex: "requestedByUsername", width: 120 },
          { title: t("adminResetRequestedAt"), dataIndex: "requestedAt", width: 150, render: when },
          { title: t("adminResetExpiresAt"), dataIndex: "expiresAt", width: 150, render: when },
          {
            title: t("status"),
            dataIndex: "status",
            width: 100,
            render: (s: TAdminReset["status"]) => (
              <Tag color={STATUS_COLOURS[s]} data-status={s}>
                {l(RESET_STATUS_LABELS, s)}
              </Tag>
            ),
          },
          {
            title: t("adminResetDecidedBy"),
            width: 200,
            render: (_: unknown, r) =>
              r.decidedByUsername ? `${r.decidedByUsername} · ${when(r.decidedAt)}` : "",
          },
          {
            title: t("actions"),
            width: 200,
            render: (_: unknown, r) => {
              if (r.status !== "pending") return null;
              if (!me || !mayDecideReset(me, r))
                return <Typography.Text type="secondary">{t("adminResetNotYours")}</Typography.Text>;
              return (
                <Space size={4}>
                  <Popconfirm
                    title={t("adminResetApproveConfirm", { name: r.targetUsername })}
                    onConfirm={() => decide(r, "approve")}
                    styles={{ root: { maxWidth: 320 } }}
                  >
                    <Button size="small" type="primary" data-testid="reset-approve">
                      {t("adminResetApprove")}
                    </Button>
                  </Popconfirm>
                  <Popconfirm title={t("adminResetRejectConfirm")} onConfirm={() => decide(r, "reject")}>
                    <Button size="small" danger data-testid="reset-reject">
                      {t("adminResetReject")}
                    </Button>
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]}
      />
      {asking && (
        <ResetRequestModal
          candidates={candidates}
          onClose={(sent) => {
            setAsking(false);
            if (sent) reload();
          }}
        />
      )}
    </Card>
  );
}
