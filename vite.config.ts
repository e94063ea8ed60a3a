import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
  server: { port: Number(process.env.PORT ?? 3000) },
  ssr: {
    // Native and wasm packages stay outside the server bundle.
    external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  },
  build: { target: "es2022" },
});
