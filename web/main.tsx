import { App as AntApp, ConfigProvider, Spin } from "antd";
// antd's components as one pre-built stylesheet (theme.zeroRuntime below): no style generation in
// the browser at first render, which was the largest share of the list page's script time.
import "antd/dist/antd.css";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { lazy, StrictMode, Suspense, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { SessionProvider } from "./hooks/session.tsx";
import { LocaleProvider, useLocale } from "./i18n/locale.tsx";
import { ConsoleLayout } from "./layouts/ConsoleLayout.tsx";
import { PortalLayout } from "./layouts/PortalLayout.tsx";
import { LoginPage } from "./pages/console/login/LoginPage.tsx";

// Each screen is its own chunk: a citizen's phone does not download the staff console.
const CaseDetailPage = lazy(() =>
  import("./pages/console/case-detail/CaseDetailPage.tsx").then((m) => ({ default: m.CaseDetailPage })),
);
const CaseListPage = lazy(() =>
  import("./pages/console/cases/CaseListPage.tsx").then((m) => ({ default: m.CaseListPage })),
);
const HomePage = lazy(() =>
  import("./pages/console/home/HomePage.tsx").then((m) => ({ default: m.HomePage })),
);
const RegisterPage = lazy(() =>
  import("./pages/console/register/RegisterPage.tsx").then((m) => ({ default: m.RegisterPage })),
);
const MapPage = lazy(() => import("./pages/console/map/MapPage.tsx").then((m) => ({ default: m.MapPage })));
const StatsPage = lazy(() =>
  import("./pages/console/stats/StatsPage.tsx").then((m) => ({ default: m.StatsPage })),
);
const SearchPage = lazy(() =>
  import("./pages/console/search/SearchPage.tsx").then((m) => ({ default: m.SearchPage })),
);
const bureauPage = <K extends string>(load: () => Promise<Record<K, () => React.JSX.Element>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const ReceptionPage = bureauPage(
  () => import("./pages/console/bureau/reception/ReceptionPage.tsx"),
  "ReceptionPage",
);
const OwnershipPage = bureauPage(
  () => import("./pages/console/bureau/ownership/OwnershipPage.tsx"),
  "OwnershipPage",
);
const DisputesPage = bureauPage(
  () => import("./pages/console/bureau/disputes/DisputesPage.tsx"),
  "DisputesPage",
);
const SupervisionPage = bureauPage(
  () => import("./pages/console/bureau/supervision/SupervisionPage.tsx"),
  "SupervisionPage",
);
const DutyPage = bureauPage(() => import("./pages/console/bureau/duty/DutyPage.tsx"), "DutyPage");
const ConferencesPage = bureauPage(
  () => import("./pages/console/bureau/conferences/ConferencesPage.tsx"),
  "ConferencesPage",
);
const BacklogPage = bureauPage(() => import("./pages/console/bureau/backlog/BacklogPage.tsx"), "BacklogPage");
const KnowledgePage = lazy(() =>
  import("./pages/console/knowledge/KnowledgePage.tsx").then((m) => ({ default: m.KnowledgePage })),
);
const WarningsPage = lazy(() =>
  import("./pages/console/warnings/WarningsPage.tsx").then((m) => ({ default: m.WarningsPage })),
);
const PortalHome = lazy(() =>
  import("./pages/portal/PortalHome.tsx").then((m) => ({ default: m.PortalHome })),
);
const SubmitPage = lazy(() =>
  import("./pages/portal/submit/SubmitPage.tsx").then((m) => ({ default: m.SubmitPage })),
);
const TrackPage = lazy(() =>
  import("./pages/portal/track/TrackPage.tsx").then((m) => ({ default: m.TrackPage })),
);

const AdminImportsPage = lazy(() =>
  import("./pages/console/admin/imports/ImportsPage.tsx").then((m) => ({ default: m.ImportsPage })),
);
const AdminOrgPage = lazy(() =>
  import("./pages/console/admin/org/OrgPage.tsx").then((m) => ({ default: m.OrgPage })),
);
const AdminUsersPage = lazy(() =>
  import("./pages/console/admin/users/UsersPage.tsx").then((m) => ({ default: m.UsersPage })),
);
const AdminResetsPage = lazy(() =>
  import("./pages/console/admin/admin-resets/AdminResetsPage.tsx").then((m) => ({
    default: m.AdminResetsPage,
  })),
);
const AdminFieldsPage = lazy(() =>
  import("./pages/console/admin/fields/FieldsPage.tsx").then((m) => ({ default: m.FieldsPage })),
);
const AdminCategoriesPage = lazy(() =>
  import("./pages/console/admin/categories/CategoriesPage.tsx").then((m) => ({ default: m.CategoriesPage })),
);
const AdminCalendarPage = lazy(() =>
  import("./pages/console/admin/calendar/CalendarPage.tsx").then((m) => ({ default: m.CalendarPage })),
);
const AdminTemplatesPage = lazy(() =>
  import("./pages/console/admin/templates/TemplatesPage.tsx").then((m) => ({ default: m.TemplatesPage })),
);
const AdminReportTemplatesPage = lazy(() =>
  import("./pages/console/admin/report-templates/ReportTemplatesPage.tsx").then((m) => ({
    default: m.ReportTemplatesPage,
  })),
);
const AuditLogPage = lazy(() =>
  import("./pages/console/audit/AuditLogPage.tsx").then((m) => ({ default: m.AuditLogPage })),
);
const AdminSettingsPage = lazy(() =>
  import("./pages/console/admin/settings/SettingsPage.tsx").then((m) => ({ default: m.SettingsPage })),
);

// Chinese fonts first: the Noto CJK fonts Debian installs, then the usual Windows/macOS ones.
const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

// The design tokens still become CSS variables at run time, so the font stack applies.
const THEME = { zeroRuntime: true, token: { fontFamily: FONT } };

function Themed() {
  const { locale } = useLocale();
  useEffect(() => {
    dayjs.locale(locale === "en" ? "en" : "zh-cn");
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <Routes>
              <Route path="/portal" element={<PortalLayout />}>
                <Route index element={<PortalHome />} />
                <Route path="submit" element={<SubmitPage />} />
                <Route path="track" element={<TrackPage />} />
              </Route>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<ConsoleLayout />}>
                <Route index element={<HomePage />} />
                <Route path="cases" element={<CaseListPage />} />
                <Route path="cases/:id" element={<CaseDetailPage />} />
                <Route path="register" element={<RegisterPage />} />
                <Route path="stats" element={<StatsPage />} />
                <Route path="map" element={<MapPage />} />
                <Route path="search" element={<SearchPage />} />
                <Route path="admin/org" element={<AdminOrgPage />} />
                <Route path="admin/users" element={<AdminUsersPage />} />
                <Route path="admin/imports" element={<AdminImportsPage />} />
                <Route path="admin/admin-resets" element={<AdminResetsPage />} />
                <Route path="admin/categories" element={<AdminCategoriesPage />} />
                <Route path="admin/fields" element={<AdminFieldsPage />} />
                <Route path="admin/calendar" element={<AdminCalendarPage />} />
                <Route path="admin/templates" element={<AdminTemplatesPage />} />
                <Route path="admin/report-templates" element={<AdminReportTemplatesPage />} />
                <Route path="admin/settings" element={<AdminSettingsPage />} />
                <Route path="audit" element={<AuditLogPage />} />
                <Route path="bureau/reception" element={<ReceptionPage />} />
                <Route path="bureau/ownership" element={<OwnershipPage />} />
                <Route path="bureau/disputes" element={<DisputesPage />} />
                <Route path="bureau/supervision" element={<SupervisionPage />} />
                <Route path="bureau/duty" element={<DutyPage />} />
                <Route path="bureau/conferences" element={<ConferencesPage />} />
                <Route path="bureau/backlog" element={<BacklogPage />} />
                <Route path="warnings" element={<WarningsPage />} />
                <Route path="knowledge" element={<KnowledgePage />} />
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LocaleProvider>
        <SessionProvider>
          <Themed />
        </SessionProvider>
      </LocaleProvider>
    </StrictMode>,
  );
}
