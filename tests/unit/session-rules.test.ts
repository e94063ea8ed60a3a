import { describe, expect, test } from "vitest";
import { roles, type Role } from "../../app/auth/roles";
import { isRecentlyVerified, judgeSession, reverifyWindowMs, sessionLimits, shouldTouch } from "../../app/auth/session-rules";

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

const staffRoles = roles.filter((role) => role !== "association");
const start = new Date("2026-06-01T01:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

/** A session created at `start`, last seen `lastSeen` ms later, judged `now` ms after `start`. */
function judge(role: Role, lastSeen: number, now: number) {
  return judgeSession({ createdAt: start, lastSeenAt: at(lastSeen) }, role, at(now));
}

describe("sessionLimits", () => {
  test.each(staffRoles)("%s is staff: 30 minutes idle, 12 hours at most", (role) => {
    expect(sessionLimits(role)).toEqual({ idleMs: 30 * minute, absoluteMs: 12 * hour });
  });

  test("an association gets 2 hours idle, 12 hours at most", () => {
    expect(sessionLimits("association")).toEqual({ idleMs: 2 * hour, absoluteMs: 12 * hour });
  });

  test("every role but the association's is staff, the 业务主管单位 included", () => {
    expect([...staffRoles].sort()).toEqual(["admin", "district_officer", "street_officer", "supervising_authority", "village_clerk", "village_supervisor"]);
  });
});

describe("judgeSession for staff", () => {
  test.each(staffRoles)("%s: a fresh session is valid", (role) => {
    expect(judge(role, 0, 0)).toBe("valid");
  });

  test.each(staffRoles)("%s: one millisecond short of 30 idle minutes is still valid", (role) => {
    expect(judge(role, 0, 30 * minute - 1)).toBe("valid");
  });

  test.each(staffRoles)("%s: exactly 30 idle minutes ends the session as idle", (role) => {
    expect(judge(role, 0, 30 * minute)).toBe("idle");
  });

  test.each(staffRoles)(
    "%s: 2 idle hours, an association's allowance, ends a staff session",
    (role) => {
      expect(judge(role, 0, 2 * hour - 1)).toBe("idle");
    },
  );

  test("a staff member active every 29 minutes stays valid for 11 hours", () => {
    expect(judge("street_officer", 11 * hour - 29 * minute, 11 * hour)).toBe("valid");
  });

  test("one millisecond short of 12 hours, an active staff session is still valid", () => {
    expect(judge("district_officer", 12 * hour - 2 * minute, 12 * hour - 1)).toBe("valid");
  });

  test("exactly 12 hours after sign-in a staff session has expired, however recently it was used", () => {
    expect(judge("admin", 12 * hour - 1, 12 * hour)).toBe("expired");
  });

  test("expiry outranks idleness: a session both idle and too old is expired", () => {
    expect(judge("village_clerk", 0, 13 * hour)).toBe("expired");
  });
});

describe("judgeSession for an association", () => {
  test("30 idle minutes do not end an association's session", () => {
    expect(judge("association", 0, 30 * minute)).toBe("valid");
  });

  test("one millisecond short of 2 idle hours is still valid", () => {
    expect(judge("association", 0, 2 * hour - 1)).toBe("valid");
  });

  test("exactly 2 idle hours ends the session as idle", () => {
    expect(judge("association", 0, 2 * hour)).toBe("idle");
  });

  test("one millisecond short of 12 hours, an active association session is still valid", () => {
    expect(judge("association", 11 * hour, 12 * hour - 1)).toBe("valid");
  });

  test("exactly 12 hours after sign-in an association session has expired", () => {
    expect(judge("association", 12 * hour - 1, 12 * hour)).toBe("expired");
  });
});

describe("shouldTouch", () => {
  test("a request within the same minute does not write last-seen", () => {
    expect(shouldTouch(start, at(minute - 1))).toBe(false);
  });

  test("a request exactly one minute later writes last-seen", () => {
    expect(shouldTouch(start, at(minute))).toBe(true);
  });

  test("a request at the same instant does not write last-seen", () => {
    expect(shouldTouch(start, start)).toBe(false);
  });

  test("a request an hour later writes last-seen", () => {
    expect(shouldTouch(start, at(hour))).toBe(true);
  });
});

describe("isRecentlyVerified", () => {
  test("within ten minutes of proving who one is, yes; after that, no; never verified, no", () => {
    expect(reverifyWindowMs).toBe(10 * minute);
    expect(isRecentlyVerified(start, at(10 * minute))).toBe(true);
    expect(isRecentlyVerified(start, at(10 * minute + 1))).toBe(false);
    expect(isRecentlyVerified(null, start)).toBe(false);
  });
});
