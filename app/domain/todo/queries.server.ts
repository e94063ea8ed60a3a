/**
 * Gathering a home page's to-do list: the facts each area already reads for
 * its own pages, put through the pure rules of ./rules.ts.
 */
import { hasPermission, type Actor } from "../../auth/permissions";
import { ownApplications } from "../applications/queries.server";
import { ownInspectionYears } from "../inspections/queries.server";
import { ownObjections } from "../objections/queries.server";
import { shanghaiDate } from "../shared/time";
import { ownRectifications } from "../spot-checks/queries.server";
import { associationTodos, type TodoItem } from "./rules";

/** The association's list; empty for an account without an organization (a preparatory group's sees its applications). */
export async function associationTodoList(actor: Actor, now: Date): Promise<TodoItem[]> {
  const [inspections, applications, rectifications, objections] = await Promise.all([
    hasPermission(actor, "inspection:file") && actor.organizationId ? ownInspectionYears(actor, now).then((r) => r.years) : Promise.resolve([]),
    hasPermission(actor, "application:apply") ? ownApplications(actor) : Promise.resolve([]),
    ownRectifications(actor, now),
    ownObjections(actor, now).then((r) => r.objections),
  ]);
  return associationTodos({ inspections, applications, rectifications, objections }, shanghaiDate(now));
}
