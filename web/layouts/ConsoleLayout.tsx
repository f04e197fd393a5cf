import { Button, Layout, Menu, Space, Spin, Typography } from "antd";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { REGISTERING_ROLES } from "../../domain/auth/roles.ts";
import { STATISTICS_ROLES } from "../../domain/metrics/access.ts";
import { WARNING_READ_ROLES } from "../../domain/warnings/access.ts";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { useSession } from "../hooks/session.tsx";
import { useLocale } from "../i18n/locale.tsx";
import { RestrictedPage } from "../pages/console/login/RestrictedPage.tsx";

/** The staff console's frame: menu, language switch, user; children render in the content area. */
export function ConsoleLayout() {
  const { me, logout } = useSession();
  const { t } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  if (me === undefined) return <Spin style={{ margin: 48 }} />;
  if (me === null)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const selected = location.pathname.startsWith("/cases")
    ? "/cases"
    : location.pathname.startsWith("/register")
      ? "/register"
      : location.pathname.startsWith("/stats")
        ? "/stats"
        : location.pathname.startsWith("/search")
          ? "/search"
          : location.pathname.startsWith("/warnings")
            ? "/warnings"
            : "/";
  const items = [
    { key: "/", label: t("menuHome") },
    { key: "/cases", label: t("menuCases") },
    // The server's own list of who registers (domain/auth/roles.ts), not a guess of the browser's.
    ...(me.roles.some((r) => REGISTERING_ROLES.includes(r))
      ? [{ key: "/register", label: t("menuRegister") }]
      : []),
    { key: "/search", label: t("menuSearch") },
    // The roles the statistics API answers (domain/metrics/access.ts); the server still decides.
    ...(me.roles.some((r) => STATISTICS_ROLES.includes(r)) ? [{ key: "/stats", label: t("menuStats") }] : []),
    // The roles the warnings API answers (domain/warnings/access.ts); the server still decides.
    ...(me.roles.some((r) => WARNING_READ_ROLES.includes(r))
      ? [{ key: "/warnings", label: t("menuWarnings") }]
      : []),
  ];
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 24, paddingInline: 24 }}>
        <Typography.Text strong style={{ color: "#fff", fontSize: 16, whiteSpace: "nowrap" }}>
          {t("appName")}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <Typography.Text style={{ color: "#fff" }} data-testid="current-user">
            {me.displayName} · {me.unit.name}
          </Typography.Text>
          <LanguageSwitch dark />
          <Button
            size="small"
            onClick={() => {
              void logout().then(() => navigate("/login"));
            }}
          >
            {t("logout")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {me.restrictions.length > 0 ? <RestrictedPage me={me} /> : <Outlet />}
      </Layout.Content>
    </Layout>
  );
}
