import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "data/**", "data-*/**", "node_modules/**", "db/migrations/**", "test-results/**", "playwright-report/**", "*.tmp.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name='only']", message: "No focused tests." },
        { selector: "CallExpression[callee.property.name='skip']", message: "No skipped tests." },
      ],
    },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: globals.node } },
  {
    // An actor's scope is read in one place: app/auth/scope.server.ts (and permissions.ts, which defines it).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/auth/permissions.ts", "app/auth/scope.server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name='only']", message: "No focused tests." },
        { selector: "CallExpression[callee.property.name='skip']", message: "No skipped tests." },
        { selector: "CallExpression[callee.name='scopeOf']", message: "Use app/auth/scope.server.ts (officerReach, withinReach, streetChoice, ownVillage, ownOrganization)." },
        { selector: "MemberExpression[property.name='kind'][object.name='scope']", message: "A scope's kind is read only in app/auth/scope.server.ts." },
      ],
    },
  },
  {
    // Routes and components never touch the database directly (STYLE.md).
    files: ["app/routes/**", "app/ui/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/db/schema*", "drizzle-orm*"], message: "Routes call app/domain, which owns the queries." }] },
      ],
    },
  },
);
