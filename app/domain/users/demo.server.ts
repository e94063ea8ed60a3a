import { databaseKind } from "../../../db/client.server";
import { demoAccounts, demoPassword } from "../../setup/demo";
import { roleLabels } from "../../auth/roles";

/**
 * Demo mode (the embedded default, or DEMO_MODE=1) lists the demo accounts on
 * the sign-in page. DEMO_MODE=0 hides them even on the embedded database.
 */
export function isDemoMode(): boolean {
  const flag = process.env.DEMO_MODE;
  if (flag === "1" || flag === "0") return flag === "1";
  return databaseKind() === "pglite";
}

export function demoAccountList() {
  return isDemoMode()
    ? {
        password: demoPassword,
        accounts: demoAccounts.map((a) => ({ username: a.username, role: roleLabels[a.role], name: a.displayName })),
      }
    : null;
}
