import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { chooseLightningCss } from "./platform/natives.mjs";
import remixConfig from "./remix.config.js";

export default defineConfig(async () => {
  // Before Tailwind's plugin loads Lightning CSS: its WebAssembly build where no native one loads.
  chooseLightningCss();
  const { default: tailwindcss } = await import("@tailwindcss/vite");
  return {
    plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
    server: { port: Number(process.env.PORT ?? 3000) },
    ssr: {
      // Native and wasm packages stay outside the server bundle.
      external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
    },
    build: { target: "es2022" },
  };
});
