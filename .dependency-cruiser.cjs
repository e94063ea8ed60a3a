/**
 * The layers (README "Architecture"), checked transitively by `npm run lint`:
 * db/ (schema, migrations, client) imports nothing of app/;
 * a route reaches the database only through app/domain or app/auth; browser-side
 * UI reaches neither the database nor any server module; the domain never reaches
 * routes or UI; vocabulary/ imports nothing.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "routes-through-domain",
      comment: "Routes (and every app module but the domain, auth, the demo and start-up loaders in app/setup, and the server entry) call app/domain or app/auth, which own the queries; they never import db/ themselves.",
      severity: "error",
      from: { path: "^app/", pathNot: "^app/(domain|auth|setup)/|^app/entry\\.server\\.tsx$" },
      to: { path: "^db/" },
    },
    {
      name: "ui-without-database",
      comment: "app/ui runs in the browser too: no db/, nothing *.server, not even by way of another module.",
      severity: "error",
      from: { path: "^app/ui/" },
      to: { path: "(^db/|\\.server\\.tsx?$)", reachable: true },
    },
    {
      name: "domain-below-routes",
      comment: "The domain and auth know nothing of pages: they never reach routes or UI.",
      severity: "error",
      from: { path: "^app/(domain|auth)/" },
      to: { path: "^app/(routes|ui)/", reachable: true },
    },
    {
      name: "database-below-app",
      comment: "db/ keeps the schema, migrations and the client; loaders and scripts that use the domain live in app/setup and scripts/.",
      severity: "error",
      from: { path: "^db/" },
      to: { path: "^app/" },
    },
    {
      name: "vocabulary-imports-nothing",
      severity: "error",
      from: { path: "^vocabulary/" },
      to: { pathNot: "^vocabulary/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
