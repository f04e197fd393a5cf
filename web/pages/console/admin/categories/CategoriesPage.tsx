import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { api, post } from "../../../../api/client.ts";
import type { Category } from "../../../../api/types.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import { useAdminAction } from "../use-admin-action.ts";
import { useOpenBranches } from "../use-open-branches.ts";

interface CategoryNode extends Category {
  children?: CategoryNode[];
}

/** The two-level category taxonomy (问题类别): add, rename, reorder, deactivate — never delete. */
export function CategoriesPage() {
  const { t, locale } = useLocale();
  const { data, error, loading, reload } = useApi<{ items: Category[] }>("/api/categories");
  const run = useAdminAction();
  const [editing, setEditing] = useState<Category | "new" | null>(null);
  const [form] = Form.useForm();
  const tree = useMemo(() => {
    const items = data?.items ?? [];
    return items
      .filter((c) => c.parentId === null)
      .map<CategoryNode>((top) => {
        const children = items.filter((c) => c.parentId === top.id);
        return children.length > 0 ? { ...top, children } : { ...top };
      });
  }, [data]);
  const branches = useOpenBranches(data?.items ?? []);
  const name = (c: Category) => (locale === "en" ? c.nameEn : c.nameZh);
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const done = () => {
      setEditing(null);
      reload();
    };
    if (editing === "new") {
      await run(() => post("/api/categories", { ...v, parentId: v.parentId || undefined }), done);
    } else if (editing) {
      const { nameZh, nameEn, sort } = v;
      await run(() => api("PATCH", `/api/categories/${editing.id}`, { nameZh, nameEn, sort }), done);
    }
  };

  return (
    <Card
      title={t("adminCategories")}
      extra={
        <Button
          type="primary"
          data-testid="category-new"
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ sort: 0 });
            setEditing("new");
          }}
        >
          {t("adminAdd")}
        </Button>
      }
    >
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      <Table<CategoryNode>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={tree}
        pagination={false}
        expandable={branches}
        data-testid="category-table"
        columns={[
          { title: t("adminNameZh"), dataIndex: "nameZh" },
          { title: t("adminNameEn"), dataIndex: "nameEn" },
          { title: t("adminCode"), dataIndex: "code", width: 160 },
          { title: t("adminSort"), dataIndex: "sort", width: 70 },
          {
            title: t("status"),
            dataIndex: "isActive",
            width: 90,
            render: (v: boolean) =>
              v ? <Tag color="green">{t("adminActive")}</Tag> : <Tag>{t("adminInactive")}</Tag>,
          },
          {
            title: t("actions"),
            width: 170,
            render: (_: unknown, c) => (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({ nameZh: c.nameZh, nameEn: c.nameEn, sort: c.sort });
                    setEditing(c);
                  }}
                >
                  {t("adminEdit")}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    void run(() => api("PATCH", `/api/categories/${c.id}`, { isActive: !c.isActive }), reload)
                  }
                >
                  {c.isActive ? t("adminDeactivate") : t("adminActivate")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("adminAdd") : `${t("adminEdit")}：${editing ? name(editing) : ""}`}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
      >
        <Form form={form} layout="vertical" data-testid="category-form">
          {editing === "new" && (
            <>
              <Form.Item name="parentId" label={t("adminParentCategory")}>
                <Select
                  allowClear
                  data-testid="category-parent"
                  options={(data?.items ?? [])
                    .filter((c) => c.parentId === null)
                    .map((c) => ({ value: c.id, label: name(c) }))}
                />
              </Form.Item>
              <Form.Item
                name="code"
                label={t("adminCode")}
                rules={[{ required: true, pattern: /^[a-z0-9_.]{2,40}$/, message: "a-z 0-9 _ . (2–40)" }]}
              >
                <Input maxLength={40} />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="nameZh"
            label={t("adminNameZh")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t("adminNameEn")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="sort" label={t("adminSort")}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
