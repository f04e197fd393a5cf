import { App, Button, Form, Input, Radio } from "antd";
import { useState } from "react";
import type { TRecordRatingRequest } from "../../../../domain/schemas/case.ts";
import { api } from "../../../api/client.ts";
import type { CaseDetail } from "../../../api/types.ts";
import { RATING_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { RATING_CHANNEL_LABELS } from "../../../i18n/reclassify-messages.ts";
import { FormModal } from "./FormModal.tsx";

type Values = Omit<TRecordRatingRequest, "comment"> & { comment?: string };
const RATINGS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
const CHANNELS = ["phone", "visit", "letter"] as const;

/** 记录回访评价: the bureau office records the rating a petitioner gave at a follow-up (`record_rating`). */
export function RecordRatingButton({
  c,
  onChanged,
}: {
  c: CaseDetail;
  onChanged(updated: CaseDetail): void;
}) {
  const { t, l } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  if (!c.abilities.includes("record_rating")) return null;
  const ratingOptions = RATINGS.map((r) => ({ value: r, label: l(RATING_LABELS, r) }));
  const required = [{ required: true, message: t("required") }];

  const submit = async (v: Values) => {
    const comment = v.comment?.trim();
    const updated = await api<CaseDetail>("POST", `/api/cases/${c.id}/rating`, {
      bureauRating: v.bureauRating,
      unitRating: v.unitRating,
      channel: v.channel,
      ...(comment ? { comment } : {}),
    } satisfies TRecordRatingRequest);
    setOpen(false);
    message.success(t("ratingRecorded"));
    onChanged(updated);
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-action="record-rating">
        {t("recordRating")}
      </Button>
      {open && (
        <FormModal
          title={t("recordRating")}
          name="record-rating"
          form={form}
          help={t("recordRatingHelp")}
          initialValues={{ channel: "phone" }}
          onSubmit={submit}
          onCancel={() => setOpen(false)}
        >
          <Form.Item name="channel" label={t("ratingChannel")} rules={required}>
            <Radio.Group options={CHANNELS.map((k) => ({ value: k, label: l(RATING_CHANNEL_LABELS, k) }))} />
          </Form.Item>
          <Form.Item name="bureauRating" label={t("bureauRating")} rules={required}>
            <Radio.Group options={ratingOptions} />
          </Form.Item>
          <Form.Item name="unitRating" label={t("unitRating")} rules={required}>
            <Radio.Group options={ratingOptions} />
          </Form.Item>
          <Form.Item name="comment" label={`${t("comment")}（${t("optional")}）`}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
