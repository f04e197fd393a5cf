import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { SessionProvider } from "./hooks/session.tsx";
import { LocaleProvider, useLocale } from "./i18n/locale.tsx";
import { ConsoleLayout } from "./layouts/ConsoleLayout.tsx";
import { PortalLayout } from "./layouts/PortalLayout.tsx";
import { CaseDetailPage } from "./pages/console/case-detail/CaseDetailPage.tsx";
import { CaseListPage } from "./pages/console/cases/CaseListPage.tsx";
import { HomePage } from "./pages/console/home/HomePage.tsx";
import { LoginPage } from "./pages/console/login/LoginPage.tsx";
import { RegisterPage } from "./pages/console/register/RegisterPage.tsx";
import { PortalHome } from "./pages/portal/PortalHome.tsx";
import { SubmitPage } from "./pages/portal/submit/SubmitPage.tsx";
import { TrackPage } from "./pages/portal/track/TrackPage.tsx";

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
            </Route>
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
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
