import { Button, Card, Space, Typography } from "antd";
import { useNavigate } from "react-router";
import { useLocale } from "../../i18n/locale.tsx";

export function PortalHome() {
  const { t } = useLocale();
  const navigate = useNavigate();
  return (
    <Card>
      <Typography.Paragraph>{t("portalIntro")}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        <Button type="primary" size="large" block onClick={() => navigate("/portal/submit")}>
          {t("portalSubmit")}
        </Button>
        <Button size="large" block onClick={() => navigate("/portal/track")}>
          {t("portalTrack")}
        </Button>
      </Space>
    </Card>
  );
}
