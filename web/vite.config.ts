import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// echarts-for-react imports tslib without depending on it; take the copy echarts itself installs
// (its ES module build), so the build does not rely on how the package manager hoisted it.
const fromEcharts = createRequire(createRequire(import.meta.url).resolve("echarts/package.json"));
const tslib = path.join(path.dirname(fromEcharts.resolve("tslib")), "tslib.es6.js");

export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { tslib } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Source maps and size reports only slow the build down on small machines.
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 3000,
  },
  server: {
    // `npm run dev:web` beside `npm run dev`: the API stays on its own port.
    proxy: { "/api": "http://localhost:3000", "/docs": "http://localhost:3000" },
  },
});
