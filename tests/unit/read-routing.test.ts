import { describe, expect, test } from "vitest";
import { hasCookie, readsFor, recentWriteCookieName } from "../../app/auth/read-routing";

const replica = { replica: true, replicaLagSeconds: 10, https: false };

describe("which database a request reads", () => {
  test("without a replica nothing changes: no public reads, no cookie", () => {
    expect(readsFor("GET", null, { ...replica, replica: false })).toEqual({ public: false, setCookie: null });
    expect(readsFor("POST", null, { ...replica, replica: false })).toEqual({ public: false, setCookie: null });
  });

  test("an anonymous reader's GET or HEAD reads the replica", () => {
    expect(readsFor("GET", null, replica)).toEqual({ public: true, setCookie: null });
    expect(readsFor("HEAD", "theme=plain", replica)).toEqual({ public: true, setCookie: null });
  });

  test("a signed-in reader, and one who has just sent something, read the primary", () => {
    expect(readsFor("GET", "a=1; cr_session=abc", replica).public).toBe(false);
    expect(readsFor("GET", `${recentWriteCookieName}=1`, replica).public).toBe(false);
    // A cookie whose name merely ends the same way is someone else's.
    expect(readsFor("GET", "not_cr_session=abc", replica).public).toBe(true);
  });

  test("whatever is sent reads the primary and marks its sender for longer than the replica may lag", () => {
    const post = readsFor("POST", null, replica);
    expect(post.public).toBe(false);
    expect(post.setCookie).toBe(`${recentWriteCookieName}=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=15`);
    expect(readsFor("POST", null, { ...replica, https: true, replicaLagSeconds: 2.5 }).setCookie).toBe(`${recentWriteCookieName}=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=8; Secure`);
  });

  test("cookies are matched by name", () => {
    expect(hasCookie("x=1; cr_wrote=1", "cr_wrote")).toBe(true);
    expect(hasCookie("xcr_wrote=1", "cr_wrote")).toBe(false);
    expect(hasCookie(null, "cr_wrote")).toBe(false);
  });
});
