/**
 * The requests a page load can start before React and antd have even been evaluated: main.tsx
 * imports this module first. The session check always; on the case list, its code chunk and its
 * rows (the list's first render then finds them on their way; bench/README.md, the list page).
 * Each screen still makes its own request when nothing was started for it.
 */
import { prefetch } from "./api/client.ts";

prefetch("/api/auth/me");
if (window.location.pathname === "/cases")
  void import("./pages/console/cases/CaseListPage.tsx").then((m) => m.prefetchCaseList());
