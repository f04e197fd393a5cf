import { App, Button, Card, Empty, Space, Upload } from "antd";
import { useState } from "react";
import { ApiError } from "../../../api/client.ts";
import type { CaseDetail } from "../../../api/types.ts";
import { useOptionalMe } from "../../../hooks/session.tsx";
import { useLocale } from "../../../i18n/locale.tsx";
import { LimitsHint, useAttachmentLimits } from "../register/AttachmentPicker.tsx";
import { uploadAttachment } from "../register/upload-attachment.ts";

/**
 * The case's attachments with download links, and an upload button when the case's `abilities`
 * include "attach"; the server's limits are shown and its refusal is shown in its own words.
 */
export function AttachmentsPanel({
  c,
  onUploaded,
}: {
  c: Pick<CaseDetail, "id" | "attachments" | "abilities">;
  onUploaded(): void;
}) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const me = useOptionalMe();
  const canAttach = c.abilities.includes("attach");
  const limits = useAttachmentLimits();
  const [busy, setBusy] = useState(false);
  return (
    <Card
      title={t("attachments")}
      data-testid="attachments-panel"
      extra={
        canAttach && (
          <Space direction="vertical" size={0} style={{ alignItems: "flex-end" }}>
            <Upload
              showUploadList={false}
              accept={limits?.types.join(",")}
              beforeUpload={(file) => {
                setBusy(true);
                uploadAttachment(c.id, file, me?.csrfToken ?? "")
                  .then(
                    () => {
                      message.success(t("attachmentUploaded", { name: file.name }));
                      onUploaded();
                    },
                    (e: unknown) =>
                      message.error(
                        t("attachmentFailed", {
                          name: file.name,
                          reason: e instanceof ApiError ? e.text(locale) : String(e),
                        }),
                      ),
                  )
                  .finally(() => setBusy(false));
                return false;
              }}
            >
              <Button size="small" loading={busy} data-testid="attachment-upload">
                {t("uploadAttachment")}
              </Button>
            </Upload>
            <LimitsHint limits={limits} />
          </Space>
        )
      }
    >
      {c.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noAttachments")} />
      ) : (
        <ul>
          {c.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/cases/${c.id}/attachments/${a.id}`} download={a.fileName}>
                {a.fileName}
              </a>{" "}
              ({Math.ceil(a.sizeBytes / 1024)} KB)
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
