import { App, Button, Form, Input, Select } from "antd";
import { useState } from "react";
import { LEGAL_CLASSES, NATURES } from "../../../../domain/workflow/statuses.ts";
import { api } from "../../../api/client.ts";
import type { CaseDetail, Category } from "../../../api/types.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useRegionOptions } from "../../../hooks/use-regions.ts";
import { NATURE_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { LEGAL_CLASS_LABELS } from "../../../i18n/reclassify-messages.ts";
import { FormModal } from "./FormModal.tsx";
import { type ReclassifyValues, reclassifyBody } from "./reclassify.ts";

/**
 * 调整分类: the bureau office's correction of nature, legal class, category, place and 初信初访 /
 * 重复信访, offered
 * where the case allows it (the `reclassify` ability). Only changed fields are sent, with the reason.
 */
export function ReclassifyButton({ c, onChanged }: { c: CaseDetail; onChanged(updated: CaseDetail): void }) {
  const { t, l, locale } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ReclassifyValues>();
  const [nothing, setNothing] = useState(false);
  const categories = useApi<{ items: Category[] }>(open ? "/api/categories" : null);
  const regions = useRegionOptions();
  if (!c.abilities.includes("reclassify")) return null;
  const categoryOptions = (categories.data?.items ?? [])
    .filter((x) => x.isActive && x.parentId !== null)
    .map((x) => ({ value: x.id, label: locale === "en" ? x.nameEn : x.nameZh }));
  const initialValues: ReclassifyValues = {
    nature: c.nature,
    legalClass: c.legalClass,
    categoryId: c.categoryId,
    problemRegionCode: c.problemRegionCode,
    isFirstPetition: c.isFirstPetition,
    reason: "",
  };

  const submit = async (values: ReclassifyValues) => {
    const body = reclassifyBody(c, values);
    setNothing(body === null);
    if (body === null) return;
    const updated = await api<CaseDetail>("PUT", `/api/cases/${c.id}/classification`, body);
    setOpen(false);
    message.success(t("reclassifyDone"));
    onChanged(updated);
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-action="reclassify">
        {t("reclassify")}
      </Button>
      {open && (
        <FormModal
          title={t("reclassify")}
          name="reclassify"
          form={form}
          help={t("reclassifyHelp")}
          notice={nothing ? t("reclassifyNothing") : null}
          initialValues={initialValues}
          onSubmit={submit}
          onCancel={() => setOpen(false)}
        >
          <Form.Item name="nature" label={t("nature")}>
            <Select options={NATURES.map((n) => ({ value: n, label: l(NATURE_LABELS, n) }))} />
          </Form.Item>
          <Form.Item name="legalClass" label={t("legalClass")}>
            <Select
              allowClear
              options={LEGAL_CLASSES.map((k) => ({ value: k, label: l(LEGAL_CLASS_LABELS, k) }))}
            />
          </Form.Item>
          <Form.Item name="categoryId" label={t("category")}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={categories.loading}
              options={categoryOptions}
            />
          </Form.Item>
          <Form.Item name="problemRegionCode" label={t("region")}>
            <Select showSearch optionFilterProp="label" loading={regions.loading} options={regions.options} />
          </Form.Item>
          <Form.Item name="isFirstPetition" label={t("firstOrRepeat")} extra={t("firstOrRepeatHelp")}>
            <Select
              options={[
                { value: true, label: t("firstPetition") },
                { value: false, label: t("repeatPetition") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("reason")}
            rules={[{ required: true, whitespace: true, message: t("required") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
