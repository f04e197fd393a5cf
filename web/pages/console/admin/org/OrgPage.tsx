import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { api, post } from "../../../../api/client.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import { CHILD_KINDS, ORG_KIND_LABELS } from "../admin-labels.ts";
import type { AdminUnit } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";
import { useOpenBranches } from "../use-open-branches.ts";

interface UnitNode extends AdminUnit {
  children?: UnitNode[];
}

/** Units as a tree from the flat, path-ordered list. */
export function unitTree(units: readonly AdminUnit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = byId.get(u.id)!;
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    if (parent) {
      parent.children = parent.children ?? [];
      parent.children.push(node);
    } else roots.push(node);
  }
  return roots;
}

/** The county network (县-乡-村-组 and departments): add below, rename, deactivate, reactivate. */
export function OrgPage() {
  const { t, l, locale } = useLocale();
  const { data, error, loading, reload } = useApi<{ items: AdminUnit[] }>("/api/org/units/all");
  const run = useAdminAction();
  const [adding, setAdding] = useState<AdminUnit | null>(null);
  const [renaming, setRenaming] = useState<AdminUnit | null>(null);
  const [addForm] = Form.useForm();
  const [renameForm] = Form.useForm();
  const tree = useMemo(() => unitTree(data?.items ?? []), [data]);
  const branches = useOpenBranches(data?.items ?? []);
  const childKinds = adding ? (CHILD_KINDS[adding.kind] ?? []) : [];

  return (
    <Card title={t("adminOrg")}>
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      <Table<UnitNode>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={tree}
        pagination={false}
        expandable={branches}
        data-testid="org-table"
        columns={[
          { title: t("adminName"), dataIndex: "name" },
          {
            title: t("adminUnitKind"),
            dataIndex: "kind",
            width: 130,
            render: (v: string) => l(ORG_KIND_LABELS, v),
          },
          { title: t("adminRegionCode"), dataIndex: "regionCode", width: 140 },
          { title: t("adminUserCount"), dataIndex: "userCount", width: 80 },
          {
            title: t("status"),
            dataIndex: "isActive",
            width: 90,
            render: (v: boolean) =>
              v ? <Tag color="green">{t("adminActive")}</Tag> : <Tag>{t("adminInactive")}</Tag>,
          },
          {
            title: t("actions"),
            width: 240,
            render: (_: unknown, u) => (
              <Space size="small">
                {u.isActive && (CHILD_KINDS[u.kind] ?? []).length > 0 && (
                  <Button
                    size="small"
                    onClick={() => {
                      addForm.resetFields();
                      addForm.setFieldsValue({ kind: CHILD_KINDS[u.kind]![0] });
                      setAdding(u);
                    }}
                  >
                    {t("adminAddUnder")}
                  </Button>
                )}
                <Button
                  size="small"
                  onClick={() => {
                    renameForm.setFieldsValue({ name: u.name });
                    setRenaming(u);
                  }}
                >
                  {t("adminRename")}
                </Button>
                {u.kind !== "county" && (
                  <Button
                    size="small"
                    danger={u.isActive}
                    onClick={() =>
                      void run(
                        () => post(`/api/org/units/${u.id}/${u.isActive ? "deactivate" : "activate"}`),
                        reload,
                      )
                    }
                  >
                    {u.isActive ? t("adminDeactivate") : t("adminActivate")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding !== null}
        title={`${t("adminAddUnder")}：${adding?.name ?? ""}`}
        onCancel={() => setAdding(null)}
        onOk={() =>
          void addForm.validateFields().then((v: Record<string, string>) =>
            run(
              () =>
                post("/api/org/units", {
                  parentId: adding?.id,
                  kind: v.kind,
                  code: v.code,
                  name: v.name,
                  ...(v.regionCode ? { regionCode: v.regionCode } : {}),
                }),
              () => {
                setAdding(null);
                reload();
              },
            ),
          )
        }
      >
        <Form form={addForm} layout="vertical" data-testid="org-add-form">
          <Form.Item
            name="kind"
            label={t("adminUnitKind")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Select options={childKinds.map((k) => ({ value: k, label: l(ORG_KIND_LABELS, k) }))} />
          </Form.Item>
          <Form.Item name="name" label={t("adminName")} rules={[{ required: true, message: t("required") }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="code"
            label={t("adminCode")}
            extra={t("adminUnitCodeHelp")}
            rules={[{ required: true, pattern: /^[a-z0-9_]{1,20}$/, message: t("adminUnitCodeHelp") }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="regionCode" label={t("adminRegionCode")} extra={t("adminRegionHelp")}>
            <Input maxLength={12} placeholder={adding?.regionCode} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={renaming !== null}
        title={t("adminRename")}
        onCancel={() => setRenaming(null)}
        onOk={() =>
          void renameForm.validateFields().then((v: { name: string }) =>
            run(
              () => api("PATCH", `/api/org/units/${renaming?.id}`, { name: v.name }),
              () => {
                setRenaming(null);
                reload();
              },
            ),
          )
        }
      >
        <Form form={renameForm} layout="vertical">
          <Form.Item name="name" label={t("adminName")} rules={[{ required: true, message: t("required") }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
