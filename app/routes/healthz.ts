import { databaseAnswers } from "~/domain/shared/health.server";

/** 200 when the database answers, 503 when it does not: for load balancers and monitors. */
export async function loader() {
  const up = await databaseAnswers(2000);
  return Response.json(
    { status: up ? "ok" : "unavailable", database: up ? "up" : "down" },
    { status: up ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
