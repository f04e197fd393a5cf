import { Button, Layout, Menu, Space, Spin, Typography } from "antd";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { isAdminOnly, KNOWLEDGE_READ_ROLES, REGISTERING_ROLES } from "../../domain/auth/roles.ts";
import { STATISTICS_ROLES } from "../../domain/metrics/access.ts";
import { WARNING_READ_ROLES } from "../../domain/warnings/access.ts";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { useSession } from "../hooks/session.tsx";
import { BUREAU_MESSAGES, type BureauKey } from "../i18n/bureau.ts";
import { useLocale } from "../i18n/locale.tsx";
import { MAP_MESSAGES } from "../i18n/map-messages.ts";
import {
  AUDIT_SCREEN,
  adminScreensFor,
  hasCaseEntries,
  landingPathFor,
  mayReadAudit,
} from "../pages/console/admin/access.ts";
import { CalendarBanner } from "../pages/console/admin/calendar/CalendarBanner.tsx";
import { DutyNow } from "../pages/console/bureau/duty/DutyNow.tsx";
import { RestrictedPage } from "../pages/console/login/RestrictedPage.tsx";
import { NoRolePage } from "../pages/console/no-role/NoRolePage.tsx";

/** The bureau work modules (web/pages/console/bureau/): menu key → its words. */
const BUREAU_MENU: [string, BureauKey][] = [
  ["/bureau/reception", "menuReception"],
  ["/bureau/ownership", "menuOwnership"],
  ["/bureau/disputes", "menuDisputes"],
  ["/bureau/supervision", "menuSupervision"],
  ["/bureau/conferences", "menuConferences"],
  ["/bureau/backlog", "menuBacklog"],
  ["/bureau/duty", "menuDuty"],
];

/** The staff console's frame: menu, language switch, user; children render in the content area. */
export function ConsoleLayout() {
  const { me, logout } = useSession();
  const { t, locale } = useLocale();
  const bm = (k: BureauKey) => (locale === "en" ? BUREAU_MESSAGES[k].en : BUREAU_MESSAGES[k].zh);
  const mapLabel = locale === "en" ? MAP_MESSAGES.menuMap.en : MAP_MESSAGES.menuMap.zh;
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
        : location.pathname === "/map"
          ? "/map"
          : location.pathname.startsWith("/search")
            ? "/search"
            : location.pathname.startsWith("/admin/") || location.pathname.startsWith("/audit")
              ? location.pathname
              : location.pathname.startsWith("/warnings")
                ? "/warnings"
                : location.pathname.startsWith("/knowledge")
                  ? "/knowledge"
                  : "/";
  // An account the security administrator has not granted a role yet reads nothing: no menu, one notice.
  const hasNoRole = me.roles.length === 0;
  // Administration: one entry per screen whose API lets this user change something.
  const adminScreens = adminScreensFor(me.roles);
  // The audit administrator holds no case: the log is their home, and the case entries are left out.
  const caseEntries = hasCaseEntries(me.roles);
  const landing = landingPathFor(me.roles);
  const items = [
    ...(caseEntries ? [{ key: "/", label: t("menuHome") }] : []),
    // The audit log answers the audit administrator alone (domain/audit/access.ts).
    ...(mayReadAudit(me.roles)
      ? [{ key: AUDIT_SCREEN.path, label: <span data-testid="menu-audit">{t(AUDIT_SCREEN.label)}</span> }]
      : []),
    ...(caseEntries ? [{ key: "/cases", label: t("menuCases") }] : []),
    // The server's own list of who registers (domain/auth/roles.ts), not a guess of the browser's.
    ...(me.roles.some((r) => REGISTERING_ROLES.includes(r))
      ? [{ key: "/register", label: t("menuRegister") }]
      : []),
    ...(caseEntries ? [{ key: "/search", label: t("menuSearch") }] : []),
    // The roles the statistics API answers (domain/metrics/access.ts); the server still decides.
    ...(me.roles.some((r) => STATISTICS_ROLES.includes(r)) ? [{ key: "/stats", label: t("menuStats") }] : []),
    // The map: its readers are the statistics roles; the system administrator uploads its boundaries.
    ...(me.roles.some((r) => STATISTICS_ROLES.includes(r) || r === "system_admin")
      ? [{ key: "/map", label: <span data-testid="menu-map">{mapLabel}</span> }]
      : []),
    ...(adminScreens.length > 0
      ? [
          {
            key: "admin",
            label: <span data-testid="menu-admin">{t("menuAdmin")}</span>,
            children: adminScreens.map((s) => ({ key: s.path, label: t(s.label) })),
          },
        ]
      : []),
    // Bureau work for every staff role (administrators see no records); the server scopes each list.
    ...(isAdminOnly(me.roles)
      ? []
      : [
          {
            key: "bureau",
            label: <span data-testid="menu-bureau">{bm("menuBureau")}</span>,
            children: BUREAU_MENU.map(([key, label]) => ({ key, label: bm(label) })),
          },
        ]),
    // The roles the warnings API answers (domain/warnings/access.ts); the server still decides.
    ...(me.roles.some((r) => WARNING_READ_ROLES.includes(r))
      ? [{ key: "/warnings", label: t("menuWarnings") }]
      : []),
    // 知识库: the roles the knowledge API answers (domain/auth/roles.ts).
    ...(me.roles.some((r) => KNOWLEDGE_READ_ROLES.includes(r))
      ? [{ key: "/knowledge", label: <span data-testid="menu-knowledge">{t("menuKnowledge")}</span> }]
      : []),
  ];
  const bureauKey = /^\/bureau\/[a-z]+/.exec(location.pathname)?.[0];
  // Home is someone else's for a user whose console opens elsewhere (the audit administrator's log).
  if (location.pathname === "/" && landing !== "/" && me.restrictions.length === 0 && !hasNoRole)
    return <Navigate to={landing} replace />;
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 24, paddingInline: 24 }}>
        <Typography.Text strong style={{ color: "#fff", fontSize: 16, whiteSpace: "nowrap", flex: 1 }}>
          {t("appName")}
        </Typography.Text>
        <Space>
          {!isAdminOnly(me.roles) && !hasNoRole && <DutyNow />}
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
      {/* The menu has a row of its own, so every entry fits on an office screen (1366 px). It never
          folds into the overflow "…": measured before the page settled, that fold could hide every
          entry at once; on a narrower window the entries wrap to a second line instead. */}
      {!hasNoRole && (
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[bureauKey ?? selected]}
          items={items}
          onClick={(e) => navigate(e.key)}
          disabledOverflow
          data-testid="console-menu"
          style={{
            display: "flex",
            flexWrap: "wrap",
            paddingInline: 8,
            borderTop: "1px solid rgba(255,255,255,0.12)",
          }}
        />
      )}
      <Layout.Content style={{ padding: 24 }}>
        {me.restrictions.length > 0 ? (
          <RestrictedPage me={me} />
        ) : hasNoRole ? (
          <NoRolePage me={me} />
        ) : (
          <>
            <CalendarBanner roles={me.roles} />
            <Outlet />
          </>
        )}
      </Layout.Content>
    </Layout>
  );
}
