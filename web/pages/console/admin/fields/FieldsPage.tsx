import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { ROLE_LABELS } from "../../../../../domain/auth/role-labels.ts";
import {
  CASE_ROLES,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type FieldType,
  type TFieldDefinition,
  type TFieldSet,
} from "../../../../../domain/fields/definitions.ts";
import { api } from "../../../../api/client.ts";
import type { Category } from "../../../../api/types.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import { useAdminAction } from "../use-admin-action.ts";

interface FieldRow extends Omit<TFieldDefinition, "options"> {
  /** One option a line: value=中文=English. */
  optionsText?: string;
}
interface SetForm {
  fields: FieldRow[];
  hasPayments: boolean;
}

const toRow = (d: TFieldDefinition): FieldRow => {
  const { options, ...rest } = d;
  return options
    ? { ...rest, optionsText: options.map((o) => `${o.value}=${o.labelZh}=${o.labelEn}`).join("\n") }
    : rest;
};

function toDefinition(r: FieldRow): TFieldDefinition {
  const { optionsText, ...rest } = r;
  const d: TFieldDefinition = { ...rest, required: rest.required === true, editRoles: rest.editRoles ?? [] };
  if (d.type !== "number") {
    delete d.unit;
    delete d.integer;
  } else if (!d.unit) delete d.unit;
  if (d.type === "choice")
    d.options = (optionsText ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [value = "", labelZh = "", labelEn = ""] = l.split("=").map((x) => x.trim());
        return { value, labelZh, labelEn: labelEn || labelZh };
      });
  return d;
}

/** 附加字段: the system administrator defines each category's extra fields; every save is a new version. */
export function FieldsPage() {
  const { t, l, locale } = useLocale();
  const run = useAdminAction();
  const categories = useApi<{ items: Category[] }>("/api/categories");
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const versions = useApi<{ items: TFieldSet[] }>(
    categoryId ? `/api/fields/sets/${categoryId}/versions` : null,
  );
  const [form] = Form.useForm<SetForm>();
  const current = versions.data?.items[0];
  useEffect(() => {
    form.setFieldsValue({
      fields: (current?.fields ?? []).map(toRow),
      hasPayments: current?.hasPayments ?? false,
    });
  }, [current, form]);
  const roleOptions = CASE_ROLES.map((r) => ({ value: r, label: l(ROLE_LABELS, r) }));
  const typeOptions = FIELD_TYPES.map((ty) => ({ value: ty, label: l(FIELD_TYPE_LABELS, ty) }));
  const save = async () => {
    if (!categoryId) return;
    const v = await form.validateFields();
    await run(
      () =>
        api<TFieldSet>("PUT", `/api/fields/sets/${categoryId}`, {
          fields: (v.fields ?? []).map(toDefinition),
          hasPayments: v.hasPayments === true,
        }),
      versions.reload,
    );
  };
  return (
    <Card title={t("menuFields")} data-testid="fields-admin">
      <Alert type="info" showIcon title={t("fieldsAdminHelp")} style={{ marginBottom: 16 }} />
      <Space style={{ marginBottom: 16 }}>
        <span>{t("category")}</span>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 260 }}
          value={categoryId}
          onChange={setCategoryId}
          data-testid="fields-category"
          options={(categories.data?.items ?? [])
            .filter((c) => c.parentId !== null)
            .map((c) => ({ value: c.id, label: locale === "en" ? c.nameEn : c.nameZh }))}
        />
        {current && <Tag>{t("fieldSetVersion", { version: current.version })}</Tag>}
      </Space>
      {categoryId && (
        <Form<SetForm> form={form} layout="vertical" name="field-set">
          {!current && <Alert type="warning" title={t("fieldSetNone")} style={{ marginBottom: 12 }} />}
          <Form.List name="fields">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Card key={row.key} size="small" style={{ marginBottom: 12 }}>
                    <Row gutter={8}>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[row.name, "key"]}
                          label={t("fieldKey")}
                          rules={[
                            { required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t("fieldKey") },
                          ]}
                        >
                          <Input maxLength={40} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[row.name, "labelZh"]}
                          label={t("fieldLabelZh")}
                          rules={[{ required: true, whitespace: true, message: t("required") }]}
                        >
                          <Input maxLength={40} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[row.name, "labelEn"]}
                          label={t("fieldLabelEn")}
                          rules={[{ required: true, whitespace: true, message: t("required") }]}
                        >
                          <Input maxLength={60} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[row.name, "type"]}
                          label={t("fieldType")}
                          rules={[{ required: true, message: t("required") }]}
                        >
                          <Select options={typeOptions} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={3}>
                        <Form.Item noStyle shouldUpdate>
                          {() =>
                            (form.getFieldValue(["fields", row.name, "type"]) as FieldType) === "number" ? (
                              <Form.Item name={[row.name, "unit"]} label={t("fieldUnit")}>
                                <Input maxLength={10} />
                              </Form.Item>
                            ) : null
                          }
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={3}>
                        <Form.Item
                          name={[row.name, "required"]}
                          label={t("fieldRequired")}
                          valuePropName="checked"
                        >
                          <Checkbox />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={2}>
                        <Button
                          danger
                          size="small"
                          style={{ marginTop: 30 }}
                          onClick={() => remove(row.name)}
                        >
                          {t("remove")}
                        </Button>
                      </Col>
                    </Row>
                    <Row gutter={8}>
                      <Col xs={24} md={8}>
                        <Form.Item
                          name={[row.name, "viewRoles"]}
                          label={t("fieldViewRoles")}
                          rules={[{ required: true, message: t("required") }]}
                        >
                          <Select mode="multiple" options={roleOptions} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[row.name, "editRoles"]} label={t("fieldEditRoles")}>
                          <Select mode="multiple" options={roleOptions} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item noStyle shouldUpdate>
                          {() =>
                            (form.getFieldValue(["fields", row.name, "type"]) as FieldType) === "choice" ? (
                              <Form.Item
                                name={[row.name, "optionsText"]}
                                label={t("fieldOptions")}
                                rules={[{ required: true, message: t("required") }]}
                              >
                                <Input.TextArea rows={3} />
                              </Form.Item>
                            ) : null
                          }
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button
                  onClick={() =>
                    add({
                      type: "text",
                      required: false,
                      viewRoles: [...CASE_ROLES],
                      editRoles: ["registrar", "bureau_office"],
                    })
                  }
                  style={{ marginBottom: 16 }}
                >
                  + {t("fieldAdd")}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="hasPayments" valuePropName="checked">
            <Checkbox>{t("fieldSetHasPayments")}</Checkbox>
          </Form.Item>
          <Button type="primary" onClick={() => void save()} data-testid="fields-save">
            {t("fieldSetSave")}
          </Button>
        </Form>
      )}
      {(versions.data?.items.length ?? 0) > 0 && (
        <Table
          style={{ marginTop: 24 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={versions.data?.items ?? []}
          columns={[
            { title: t("fieldSetVersionCol"), dataIndex: "version" },
            {
              title: t("fieldSetSavedAt"),
              dataIndex: "createdAt",
              render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
            },
            {
              title: t("fieldLabelZh"),
              key: "fields",
              render: (_: unknown, s: TFieldSet) =>
                s.fields.map((d) => (locale === "en" ? d.labelEn : d.labelZh)).join("、"),
            },
          ]}
        />
      )}
    </Card>
  );
}
