import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Source maps and size reports only slow the build down on small machines. XF_WEB_SOURCEMAP=1
    // writes hidden maps (no link in the bundle, the scripts stay byte-identical) for profiling.
    sourcemap: process.env.XF_WEB_SOURCEMAP === "1" ? "hidden" : false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 3000,
  },
  server: {
    // `npm run dev:web` beside `npm run dev`: the API stays on its own port.
    proxy: { "/api": "http://localhost:3000", "/docs": "http://localhost:3000" },
  },
});
