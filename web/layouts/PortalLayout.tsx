import { Layout, Typography } from "antd";
import { Link, Outlet } from "react-router";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { useLocale } from "../i18n/locale.tsx";

/** The citizens' portal: one narrow column, made for phones first. */
export function PortalLayout() {
  const { t } = useLocale();
  return (
    <Layout style={{ minHeight: "100vh", background: "#f5f7fa" }}>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          justifyContent: "space-between",
          paddingInline: 16,
          background: "#b71c1c",
        }}
      >
        <Link to="/portal">
          <Typography.Text strong style={{ color: "#fff", fontSize: 17 }}>
            {t("portalName")}
          </Typography.Text>
        </Link>
        <LanguageSwitch dark />
      </Layout.Header>
      <Layout.Content style={{ padding: 12, width: "100%", maxWidth: 640, margin: "0 auto" }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
