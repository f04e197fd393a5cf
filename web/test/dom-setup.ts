import { afterEach } from "vitest";
import { unmountAll } from "./render.tsx";

/**
 * The component files share their workers and document (vitest.config.ts, `isolate: false`), so
 * what a test left rendered is unmounted after it: no file finds another file's screen.
 */
afterEach(() => {
  unmountAll();
});
