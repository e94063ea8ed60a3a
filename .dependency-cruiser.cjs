/**
 * The layers (README "Architecture"), checked transitively by `npm run lint`:
 * a route reaches the database only through app/domain or app/auth; browser-side
 * UI reaches neither the database nor any server module; the domain never reaches
 * routes or UI; vocabulary/ imports nothing.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "routes-through-domain",
      comment: "Routes (and every app module but the domain, auth and the server entry) call app/domain or app/auth, which own the queries; they never import db/ themselves.",
      severity: "error",
      from: { path: "^app/", pathNot: "^app/(domain|auth)/|^app/entry\\.server\\.tsx$" },
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
