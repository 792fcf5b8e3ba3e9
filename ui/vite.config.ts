import { defineConfig } from "vitest/config";

// The Tauri window loads ui/dist through its own protocol (tauri.conf.json: frontendDist);
// `tauri dev` loads the dev server on a fixed port. esbuild compiles the JSX (React's
// automatic runtime), so no React plugin is needed.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
