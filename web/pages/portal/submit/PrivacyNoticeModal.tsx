import { Alert, Button, Modal, Spin, Typography } from "antd";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";

/**
 * The bureau's 个人信息保护告知书 in full (`GET /api/public/privacy-notice`, the template the system
 * administrator edits), read before agreeing to it. Fetched when first opened.
 */
export function PrivacyNoticeModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useLocale();
  const notice = useApi<{ title: string; body: string }>(open ? "/api/public/privacy-notice" : null);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={notice.data?.title ?? t("privacyNoticeName")}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("close")}
        </Button>
      }
      data-testid="privacy-notice"
    >
      {notice.error && <Alert type="error" showIcon title={t("privacyNoticeFailed")} />}
      {notice.loading && !notice.data && <Spin />}
      {notice.data && (
        <Typography.Paragraph
          style={{ whiteSpace: "pre-wrap", maxHeight: "60vh", overflowY: "auto", margin: 0 }}
          data-testid="privacy-notice-body"
        >
          {notice.data.body}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
