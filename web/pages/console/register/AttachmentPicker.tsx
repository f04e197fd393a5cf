import { Button, Typography, Upload, type UploadFile } from "antd";
import { ERRORS } from "../../../../domain/i18n/errors.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { type AttachmentLimits, formatBytes, precheckFile } from "./upload-attachment.ts";

/** The server's attachment limits, as the upload route enforces them. */
export function useAttachmentLimits(): AttachmentLimits | undefined {
  return useApi<AttachmentLimits>("/api/settings/attachments").data;
}

/** The limits line under an upload button: "up to 10 MB; types: …". */
export function LimitsHint({ limits }: { limits: AttachmentLimits | undefined }) {
  const { t } = useLocale();
  if (!limits) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t("attachmentLimits", {
        size: formatBytes(limits.maxBytes),
        types: limits.types.map((m) => m.split("/")[1] ?? m).join(", "),
      })}
    </Typography.Text>
  );
}

/**
 * Files chosen on the registration form, kept in the browser until the case is saved, then
 * uploaded one by one. A file the server would refuse is marked at once with the server's words.
 */
export function AttachmentPicker({
  files,
  onChange,
}: {
  files: UploadFile[];
  onChange(files: UploadFile[]): void;
}) {
  const { t, locale } = useLocale();
  const limits = useAttachmentLimits();
  return (
    <div style={{ marginBottom: 16 }} data-testid="attachment-picker">
      <Typography.Text strong>{t("attachmentsToUpload")}</Typography.Text>
      <Upload
        multiple
        fileList={files}
        accept={limits?.types.join(",")}
        beforeUpload={(file) => {
          const problem = precheckFile(file, limits);
          const entry: UploadFile = {
            uid: file.uid,
            name: file.name,
            size: file.size,
            type: file.type,
            originFileObj: file,
            ...(problem
              ? { status: "error", response: locale === "en" ? ERRORS[problem].en : ERRORS[problem].zh }
              : { status: "done" }),
          };
          onChange([...files, entry]);
          return false;
        }}
        onRemove={(f) => onChange(files.filter((x) => x.uid !== f.uid))}
      >
        <Button size="small" style={{ marginTop: 4 }}>
          {t("uploadAttachment")}
        </Button>
      </Upload>
      <LimitsHint limits={limits} />
    </div>
  );
}
