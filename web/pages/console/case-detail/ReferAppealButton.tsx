import { App, Button, DatePicker, Form, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../../../api/client.ts";
import type { CaseDetail } from "../../../api/types.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { FormModal } from "./FormModal.tsx";

interface Values {
  sentOn: Dayjs;
  documents: string[];
  note?: string;
}

/**
 * 转交系统外机关: a review or reexamination request the county cannot accept (its body is outside
 * the network) is sent there; the office records when and what (`refer_appeal`).
 */
export function ReferAppealButton({ c, onChanged }: { c: CaseDetail; onChanged(): void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  if (!c.abilities.includes("refer_appeal")) return null;
  const required = [{ required: true, message: t("required") }];

  const submit = async (v: Values) => {
    const note = v.note?.trim();
    await api("POST", `/api/cases/${c.id}/refer-appeal`, {
      sentOn: v.sentOn.format("YYYY-MM-DD"),
      documents: v.documents.map((d) => d.trim()).filter((d) => d.length > 0),
      ...(note ? { note } : {}),
    });
    setOpen(false);
    message.success(t("referDone"));
    onChanged();
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-action="refer-appeal">
        {t("referAppeal")}
      </Button>
      {open && (
        <FormModal
          title={t("referAppeal")}
          name="refer-appeal"
          form={form}
          help={t("referAppealHelp", { body: c.appealBody ?? "" })}
          initialValues={{ sentOn: dayjs(), documents: [] }}
          onSubmit={submit}
          onCancel={() => setOpen(false)}
        >
          <Form.Item name="sentOn" label={t("referSentOn")} rules={required}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </Form.Item>
          <Form.Item
            name="documents"
            label={t("referDocuments")}
            extra={t("referDocumentsHelp")}
            rules={required}
          >
            <Select mode="tags" open={false} tokenSeparators={["，", ","]} />
          </Form.Item>
          <Form.Item name="note" label={`${t("referNote")}（${t("optional")}）`}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
