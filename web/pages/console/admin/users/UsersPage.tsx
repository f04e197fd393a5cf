import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { isAdminOnly, type Role } from "../../../../../domain/auth/roles.ts";
import { api, post } from "../../../../api/client.ts";
import type { OrgUnit } from "../../../../api/types.ts";
import { useSession } from "../../../../hooks/session.tsx";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import { GRANTABLE_ROLES, userActionsFor } from "../access.ts";
import { ROLE_LABELS } from "../admin-labels.ts";
import { ResetRequestModal } from "../admin-resets/ResetRequestModal.tsx";
import type { AdminUser } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";

type Dialog = { kind: "new" } | { kind: "edit" | "roles" | "password"; user: AdminUser } | null;

/**
 * Accounts along the three administrators: the system administrator creates users (who hold no
 * role), changes name and unit, disables, unlocks and resets passwords; the security administrator
 * grants business roles. An administrator's account is only unlocked here; its password goes
 * through the two-person request (admin-resets/).
 */
export function UsersPage() {
  const { t, l, locale } = useLocale();
  const { me } = useSession();
  const isSystem = me?.roles.includes("system_admin") ?? false;
  const { data, error, loading, reload } = useApi<{ items: AdminUser[] }>("/api/admin/users");
  const units = useApi<{ items: OrgUnit[] }>("/api/org/units");
  const run = useAdminAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [resetTarget, setResetTarget] = useState<AdminUser | null>(null);
  const [form] = Form.useForm();
  const unitOptions = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.name}（${u.path}）`,
  }));
  const open = (d: Exclude<Dialog, null>) => {
    form.resetFields();
    if (d.kind === "edit")
      form.setFieldsValue({
        displayName: d.user.displayName,
        unitId: d.user.unitId,
        phone: d.user.phone ?? "",
      });
    if (d.kind === "roles") form.setFieldsValue({ roles: d.user.roles });
    setDialog(d);
  };
  const close = () => {
    setDialog(null);
    reload();
  };
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    if (!dialog) return;
    if (dialog.kind === "new") await run(() => post("/api/admin/users", v), close);
    else if (dialog.kind === "edit")
      await run(() => api("PATCH", `/api/admin/users/${dialog.user.id}`, v), close);
    else if (dialog.kind === "roles")
      await run(
        () =>
          api("PUT", `/api/admin/users/${dialog.user.id}/roles`, {
            roles: (v.roles as Role[] | undefined) ?? [],
          }),
        close,
      );
    else await run(() => post(`/api/admin/users/${dialog.user.id}/reset-password`, v), close);
  };

  return (
    <Card
      title={t("adminUsers")}
      extra={
        isSystem && (
          <Button type="primary" onClick={() => open({ kind: "new" })} data-testid="user-new">
            {t("adminNewUser")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("adminRolesBySecurity")}</Typography.Paragraph>
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      <Table<AdminUser>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="user-table"
        columns={[
          { title: t("adminUsername"), dataIndex: "username", width: 130 },
          { title: t("adminDisplayName"), dataIndex: "displayName", width: 120 },
          { title: t("adminUnit"), dataIndex: "unitName", width: 160 },
          {
            title: t("adminPhone"),
            dataIndex: "phone",
            width: 130,
            render: (phone: string | null) => phone ?? "—",
          },
          {
            title: t("adminRoles"),
            dataIndex: "roles",
            render: (rs: Role[]) =>
              rs.length === 0 ? (
                <Space size={4} data-testid="no-role">
                  <Tag color="orange">{t("adminNoRoleTag")}</Tag>
                  <Typography.Text type="secondary">{t("adminNoRoleHint")}</Typography.Text>
                </Space>
              ) : (
                rs.map((r) => (
                  <Tag key={r} color={isAdminOnly([r]) ? "blue" : undefined}>
                    {l(ROLE_LABELS, r)}
                  </Tag>
                ))
              ),
          },
          {
            title: t("status"),
            width: 120,
            render: (_: unknown, u) => (
              <Space size={4}>
                {u.isActive ? <Tag color="green">{t("adminActive")}</Tag> : <Tag>{t("adminInactive")}</Tag>}
                {u.isLocked && <Tag color="red">{t("adminLocked")}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t("adminMustChangePassword")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("actions"),
            width: 330,
            render: (_: unknown, u) => {
              const can = me ? userActionsFor(me, u) : [];
              if (can.length === 0) return null;
              return (
                <Space size={4} wrap>
                  {can.includes("edit") && (
                    <Button size="small" onClick={() => open({ kind: "edit", user: u })}>
                      {t("adminEdit")}
                    </Button>
                  )}
                  {can.includes("roles") && (
                    <Button size="small" onClick={() => open({ kind: "roles", user: u })}>
                      {t("adminSetRoles")}
                    </Button>
                  )}
                  {can.includes("toggleActive") && (
                    <Button
                      size="small"
                      onClick={() =>
                        void run(
                          () => post(`/api/admin/users/${u.id}/${u.isActive ? "deactivate" : "activate"}`),
                          reload,
                        )
                      }
                    >
                      {u.isActive ? t("adminDeactivate") : t("adminActivate")}
                    </Button>
                  )}
                  {can.includes("unlock") && (
                    <Button
                      size="small"
                      onClick={() => void run(() => post(`/api/admin/users/${u.id}/unlock`), reload)}
                    >
                      {t("adminUnlock")}
                    </Button>
                  )}
                  {can.includes("resetPassword") && (
                    <Button size="small" onClick={() => open({ kind: "password", user: u })}>
                      {t("adminResetPassword")}
                    </Button>
                  )}
                  {can.includes("requestAdminReset") && (
                    <Button size="small" onClick={() => setResetTarget(u)}>
                      {t("adminResetRequest")}
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === "new"
            ? t("adminNewUser")
            : `${dialog?.kind === "roles" ? t("adminSetRoles") : dialog?.kind === "password" ? t("adminResetPassword") : t("adminEdit")}：${dialog?.user.displayName ?? ""}`
        }
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="user-form">
          {dialog?.kind === "new" && (
            <Form.Item
              name="username"
              label={t("adminUsername")}
              rules={[{ required: true, pattern: /^[a-z0-9_.-]{3,40}$/, message: "a-z 0-9 _ . - (3–40)" }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          )}
          {(dialog?.kind === "new" || dialog?.kind === "edit") && (
            <>
              <Form.Item
                name="displayName"
                label={t("adminDisplayName")}
                rules={[{ required: true, message: t("required") }]}
              >
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                name="unitId"
                label={t("adminUnit")}
                rules={[{ required: true, message: t("required") }]}
              >
                <Select showSearch optionFilterProp="label" options={unitOptions} data-testid="user-unit" />
              </Form.Item>
              <Form.Item name="phone" label={t("adminPhone")} extra={t("adminPhoneHelp")}>
                <Input maxLength={40} inputMode="tel" data-testid="user-phone" />
              </Form.Item>
            </>
          )}
          {(dialog?.kind === "new" || dialog?.kind === "password") && (
            <Form.Item
              name="password"
              label={dialog.kind === "new" ? t("password") : t("adminNewPassword")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Input.Password maxLength={200} autoComplete="new-password" />
            </Form.Item>
          )}
          {dialog?.kind === "roles" && (
            // No "required": an empty list withdraws every role.
            <Form.Item name="roles" label={t("adminRoles")} extra={t("adminRolesHelp")}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t("adminNoRoleTag")}
                data-testid="user-roles"
                options={GRANTABLE_ROLES.map((r) => ({ value: r, label: l(ROLE_LABELS, r) }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
      {resetTarget && (
        <ResetRequestModal
          target={resetTarget}
          candidates={[resetTarget]}
          onClose={() => setResetTarget(null)}
        />
      )}
    </Card>
  );
}
