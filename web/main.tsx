import { App as AntApp, ConfigProvider, Spin } from "antd";
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
const StatsPage = lazy(() =>
  import("./pages/console/stats/StatsPage.tsx").then((m) => ({ default: m.StatsPage })),
);
const SearchPage = lazy(() =>
  import("./pages/console/search/SearchPage.tsx").then((m) => ({ default: m.SearchPage })),
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

// Chinese fonts first: the Noto CJK fonts Debian installs, then the usual Windows/macOS ones.
const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

function Themed() {
  const { locale } = useLocale();
  useEffect(() => {
    dayjs.locale(locale === "en" ? "en" : "zh-cn");
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} theme={{ token: { fontFamily: FONT } }}>
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
                <Route path="search" element={<SearchPage />} />
                <Route path="warnings" element={<WarningsPage />} />
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
