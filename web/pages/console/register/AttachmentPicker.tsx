import { Button, Typography, Upload, type UploadFile } from "antd";
import type { Dispatch, SetStateAction } from "react";
import { ERRORS } from "../../../../domain/i18n/errors.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { type AttachmentLimits, formatBytes, precheckFile } from "./upload-attachment.ts";

/** The server's attachment limits, as the upload route enforces them. */
export function useAttachmentLimits(url = "/api/settings/attachments"): AttachmentLimits | undefined {
  return useApi<AttachmentLimits>(url).data;
}

const TYPE_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPG",
  "image/png": "PNG",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
  "text/plain": "TXT",
};
const typeName = (mediaType: string) => TYPE_NAMES[mediaType] ?? mediaType;

/** The limits line under an upload button: "up to 10 MB; types: …". */
export function LimitsHint({ limits }: { limits: AttachmentLimits | undefined }) {
  const { t } = useLocale();
  if (!limits) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t("attachmentLimits", {
        size: formatBytes(limits.maxBytes),
        types: limits.types.map(typeName).join(", "),
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
  limitsUrl,
  label,
}: {
  files: UploadFile[];
  /** The heading; the console's says the files go up after saving. */
  label?: string;
  /** Where the limits come from: the staff setting, or the portal's public one. */
  limitsUrl?: string;
  /** A state setter: several files chosen at once each add themselves to the latest list. */
  onChange: Dispatch<SetStateAction<UploadFile[]>>;
}) {
  const { t, locale } = useLocale();
  const limits = useAttachmentLimits(limitsUrl);
  return (
    <div style={{ marginBottom: 16 }} data-testid="attachment-picker">
      <Typography.Text strong data-testid="attachment-picker-label">
        {label ?? t("attachmentsToUpload")}
      </Typography.Text>
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
          onChange((current) => [...current, entry]);
          return false;
        }}
        onRemove={(f) => onChange((current) => current.filter((x) => x.uid !== f.uid))}
      >
        <Button size="small" style={{ marginTop: 4 }}>
          {t("uploadAttachment")}
        </Button>
      </Upload>
      <LimitsHint limits={limits} />
    </div>
  );
}
