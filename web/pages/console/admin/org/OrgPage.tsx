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
  const [answering, setAnswering] = useState<AdminUnit | null>(null);
  const [addForm] = Form.useForm();
  const [renameForm] = Form.useForm();
  const [answeringForm] = Form.useForm();
  const nameOf = useMemo(() => new Map((data?.items ?? []).map((u) => [u.id, u.name])), [data]);
  // The units a unit may name as reviewing body: active, not itself, not below it.
  const reviewerOptions = (u: AdminUnit | null) =>
    (data?.items ?? [])
      .filter((x) => u && x.isActive && x.path !== u.path && !x.path.startsWith(`${u.path}.`))
      .map((x) => ({
        value: x.id,
        label: x.kind === "county" ? `${x.name}（${t("adminCountyGovernment")}）` : x.name,
      }));
  const officeOptions = (u: AdminUnit | null) =>
    (data?.items ?? [])
      .filter((x) => u && x.isActive && x.id !== u.id)
      .map((x) => ({ value: x.id, label: x.name }));
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
            title: t("adminReviewingUnit"),
            dataIndex: "reviewingUnitId",
            width: 150,
            render: (v: string | null, u) =>
              v
                ? (nameOf.get(v) ?? "")
                : u.kind === "village" || u.kind === "group"
                  ? ""
                  : t("adminReviewingOutside"),
          },
          {
            title: t("adminDocPrefix"),
            dataIndex: "docPrefix",
            width: 110,
            render: (v: string | null) => v ?? "",
          },
          {
            title: t("status"),
            dataIndex: "isActive",
            width: 90,
            render: (v: boolean) =>
              v ? <Tag color="green">{t("adminActive")}</Tag> : <Tag>{t("adminInactive")}</Tag>,
          },
          {
            title: t("actions"),
            width: 320,
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
                <Button
                  size="small"
                  data-testid="org-answering"
                  onClick={() => {
                    answeringForm.setFieldsValue({
                      reviewingUnitId: u.reviewingUnitId ?? OUTSIDE,
                      reviewOfficeId: u.reviewOfficeId ?? undefined,
                      docPrefix: u.docPrefix ?? "",
                    });
                    setAnswering(u);
                  }}
                >
                  {t("adminAnswering")}
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
      <Modal
        open={answering !== null}
        title={`${t("adminAnswering")}：${answering?.name ?? ""}`}
        onCancel={() => setAnswering(null)}
        onOk={() =>
          void answeringForm
            .validateFields()
            .then((v: { reviewingUnitId: string; reviewOfficeId?: string; docPrefix?: string }) =>
              run(
                () =>
                  api("PUT", `/api/org/units/${answering?.id}/answering`, {
                    reviewingUnitId: v.reviewingUnitId === OUTSIDE ? null : v.reviewingUnitId,
                    reviewOfficeId: v.reviewOfficeId ?? null,
                    docPrefix: v.docPrefix?.trim() ? v.docPrefix.trim() : null,
                  }),
                () => {
                  setAnswering(null);
                  reload();
                },
              ),
            )
        }
      >
        <Form form={answeringForm} layout="vertical" data-testid="org-answering-form">
          <Form.Item
            name="reviewingUnitId"
            label={t("adminReviewingUnit")}
            extra={t("adminReviewingHelp")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={[{ value: OUTSIDE, label: t("adminReviewingOutside") }, ...reviewerOptions(answering)]}
            />
          </Form.Item>
          <Form.Item name="reviewOfficeId" label={t("adminReviewOffice")} extra={t("adminReviewOfficeHelp")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              options={officeOptions(answering)}
            />
          </Form.Item>
          <Form.Item
            name="docPrefix"
            label={t("adminDocPrefix")}
            extra={t("adminDocPrefixHelp")}
            rules={[{ pattern: /^[\p{Script=Han}A-Za-z0-9]{0,20}$/u, message: t("adminDocPrefixInvalid") }]}
          >
            <Input maxLength={20} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The select's value for "no reviewing body in the network". */
const OUTSIDE = "outside";
