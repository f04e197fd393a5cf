import { Alert, App, Button, Form, Input, Modal, Radio, Typography } from "antd";
import { useState } from "react";
import { api } from "../../../api/client.ts";
import type { CaseDetail } from "../../../api/types.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { IDENTITY_CHECK_LABELS } from "../../../i18n/reclassify-messages.ts";
import { FormModal } from "./FormModal.tsx";

const CHECKS = ["id_card", "household_register", "passport", "other_certificate"] as const;
interface Values {
  identityCheck: (typeof CHECKS)[number];
  note: string;
}

/**
 * 重新发放查询码: after checking the petitioner's identity, a new code (the old one stops working);
 * shown once here, never stored in clear (`reissue_query_code`).
 */
export function ReissueQueryCodeButton({ c }: { c: CaseDetail }) {
  const { t, l } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  if (!c.abilities.includes("reissue_query_code")) return null;
  const required = [{ required: true, message: t("required") }];

  const submit = async (v: Values) => {
    const res = await api<{ queryCode: string }>("POST", `/api/cases/${c.id}/query-code`, {
      identityCheck: v.identityCheck,
      note: v.note.trim(),
    });
    setOpen(false);
    setIssued(res.queryCode);
    message.success(t("adminSaved"));
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-action="reissue-query-code">
        {t("reissueQueryCode")}
      </Button>
      {open && (
        <FormModal
          title={t("reissueQueryCode")}
          name="reissue-query-code"
          form={form}
          help={t("reissueQueryCodeHelp")}
          initialValues={{ identityCheck: "id_card" }}
          onSubmit={submit}
          onCancel={() => setOpen(false)}
        >
          <Form.Item name="identityCheck" label={t("identityCheck")} rules={required}>
            <Radio.Group options={CHECKS.map((k) => ({ value: k, label: l(IDENTITY_CHECK_LABELS, k) }))} />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("identityNote")}
            rules={[{ required: true, whitespace: true, min: 2, message: t("required") }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      )}
      <Modal
        open={issued !== null}
        title={t("newQueryCode")}
        onCancel={() => setIssued(null)}
        onOk={() => setIssued(null)}
        cancelButtonProps={{ style: { display: "none" } }}
      >
        <Alert type="warning" title={t("reissueQueryCodeHelp")} style={{ marginBottom: 12 }} />
        <Typography.Text>{t("newQueryCodeShown")}</Typography.Text>
        <Typography.Text strong copyable data-testid="reissued-query-code">
          {issued}
        </Typography.Text>
      </Modal>
    </>
  );
}
