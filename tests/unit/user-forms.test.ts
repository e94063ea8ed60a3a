import { parseWithZod } from "@conform-to/zod/v4";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  loginSchema,
  passwordChangeSchema,
  reasonSchema,
  userCreateSchema,
  userUpdateSchema,
} from "../../app/domain/users/forms";

const demoPassword = "demo-pass-2026";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

const baseUser = { username: "wang.li", displayName: "王丽", password: demoPassword };

function createUser(entries: Record<string, string>) {
  return parseWithZod(form(entries), { schema: userCreateSchema });
}

function errorsOf(submission: ReturnType<typeof createUser>): Record<string, string[] | null> {
  expect(submission.status).toBe("error");
  return (submission.reply().error ?? {}) as Record<string, string[] | null>;
}

describe("userCreateSchema", () => {
  test("a district officer needs no scope", () => {
    const submission = createUser({ ...baseUser, role: "district_officer" });
    expect(submission.status).toBe("success");
    if (submission.status === "success") {
      expect(submission.value).toMatchObject({
        username: "wang.li",
        role: "district_officer",
        displayName: "王丽",
      });
    }
  });

  test("a street officer without a street is refused beside the street field", () => {
    const errors = errorsOf(createUser({ ...baseUser, role: "street_officer" }));
    expect(errors.placeId).toEqual(["街道（镇）工作人员须指定所辖街道或镇"]);
  });

  test("a street officer with a street is accepted, the id as a number", () => {
    const submission = createUser({ ...baseUser, role: "street_officer", placeId: "12" });
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(submission.value.placeId).toBe(12);
  });

  test.each(["village_clerk", "village_supervisor"])(
    "a %s without a village is refused",
    (role) => {
      const errors = errorsOf(createUser({ ...baseUser, role }));
      expect(errors.placeId).toEqual(["须指定所在的村或社区"]);
    },
  );

  test("an association account may be a preparatory group's, without an organization yet", () => {
    expect(createUser({ ...baseUser, role: "association" }).status).toBe("success");
  });

  test("an association with an organization code is accepted", () => {
    const submission = createUser({
      ...baseUser,
      role: "association",
      organizationCode: "51100000500002862F",
    });
    expect(submission.status).toBe("success");
  });

  test("a blank organization code counts as none", () => {
    expect(createUser({ ...baseUser, role: "association", organizationCode: "" }).status).toBe("success");
  });

  test("a place id that is not a positive whole number is refused", () => {
    for (const placeId of ["abc", "-3", "1.5", "0"]) {
      const errors = errorsOf(createUser({ ...baseUser, role: "street_officer", placeId }));
      expect(errors.placeId?.length).toBeGreaterThan(0);
    }
  });

  test("a username is lower-cased and trimmed", () => {
    const submission = createUser({ ...baseUser, username: "  Wang.Li ", role: "admin" });
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(submission.value.username).toBe("wang.li");
  });

  test.each([
    ["too short", "ab"],
    ["starting with a dot", ".wang"],
    ["containing a space", "wang li"],
    ["Chinese", "王丽丽"],
    ["33 characters", "a".repeat(33)],
  ])("a username %s is refused in Chinese", (_name, username) => {
    const errors = errorsOf(createUser({ ...baseUser, username, role: "admin" }));
    expect(errors.username).toEqual(["用户名为 3-32 位小写字母、数字或 _ . -，以字母或数字开头"]);
  });

  test("a missing username is asked for in Chinese", () => {
    const errors = errorsOf(
      createUser({ displayName: "王丽", password: demoPassword, role: "admin" }),
    );
    expect(errors.username).toEqual(["请输入用户名"]);
  });

  test.each([
    ["10 digits", "1381234567"],
    ["12 digits", "138123456789"],
    ["starting 12", "12812345678"],
    ["with letters", "1381234567a"],
  ])("a phone number of %s is refused in Chinese", (_name, phone) => {
    const errors = errorsOf(createUser({ ...baseUser, role: "admin", phone }));
    expect(errors.phone).toEqual(["手机号码应为 11 位数字"]);
  });

  test("an 11-digit mobile number is accepted", () => {
    expect(createUser({ ...baseUser, role: "admin", phone: "13812345678" }).status).toBe("success");
  });

  test("an e-mail address for reminders is optional; one that is not an address is refused in Chinese", () => {
    expect(createUser({ ...baseUser, role: "admin", email: " chen@lc.example.gov.cn " }).status).toBe("success");
    expect(createUser({ ...baseUser, role: "admin", email: "" }).status).toBe("success");
    for (const email of ["chen", "chen@", "chen@lc", "chen lin@lc.gov.cn", "<x>@lc.gov.cn"]) {
      expect(errorsOf(createUser({ ...baseUser, role: "admin", email })).email).toEqual(["请填写有效的邮箱地址，如 name@example.gov.cn"]);
    }
  });

  test("an unknown role is refused in Chinese", () => {
    const errors = errorsOf(createUser({ ...baseUser, role: "superuser" }));
    expect(errors.role).toEqual(["请选择角色"]);
  });

  test("a weak password is refused with the policy's messages", () => {
    const errors = errorsOf(createUser({ ...baseUser, role: "admin", password: "short" }));
    expect(errors.password).toEqual([
      "密码至少需要 12 个字符",
      "密码须包含小写字母、大写字母、数字、符号中的至少三类",
    ]);
  });

  test("a missing display name is asked for", () => {
    const errors = errorsOf(
      createUser({ username: "wang.li", password: demoPassword, role: "admin" }),
    );
    expect(errors.displayName).toEqual(["请输入姓名"]);
  });

  test("a display name of 41 characters is refused", () => {
    const errors = errorsOf(
      createUser({ ...baseUser, role: "admin", displayName: "王".repeat(41) }),
    );
    expect(errors.displayName).toEqual(["姓名不超过 40 个字"]);
  });
});

describe("userUpdateSchema", () => {
  test("a street officer still needs a street when edited", () => {
    const submission = parseWithZod(
      form({ displayName: "王丽", role: "street_officer", version: "3" }),
      {
        schema: userUpdateSchema,
      },
    );
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.placeId).toBeTruthy();
  });

  test("an edit needs the version it was read at", () => {
    const submission = parseWithZod(form({ displayName: "王丽", role: "admin" }), {
      schema: userUpdateSchema,
    });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.version).toBeTruthy();
  });
});

describe("passwordChangeSchema", () => {
  const change = (entries: Record<string, string>) =>
    parseWithZod(form(entries), { schema: passwordChangeSchema });

  test("a good new password, confirmed, is accepted", () => {
    const submission = change({
      currentPassword: demoPassword,
      newPassword: "Another-pass-2027",
      confirmPassword: "Another-pass-2027",
    });
    expect(submission.status).toBe("success");
  });

  test("a mismatched confirmation is refused beside the confirmation", () => {
    const submission = change({
      currentPassword: demoPassword,
      newPassword: "Another-pass-2027",
      confirmPassword: "Another-pass-2028",
    });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.confirmPassword).toEqual(["两次输入的新密码不一致"]);
  });

  test("a new password equal to the current one is refused beside the new password", () => {
    const submission = change({
      currentPassword: demoPassword,
      newPassword: demoPassword,
      confirmPassword: demoPassword,
    });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.newPassword).toEqual(["新密码不能与当前密码相同"]);
  });

  test("a weak new password is refused by the policy", () => {
    const submission = change({
      currentPassword: demoPassword,
      newPassword: "abc",
      confirmPassword: "abc",
    });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.newPassword).toContain("密码至少需要 12 个字符");
  });

  test("a missing current password is asked for", () => {
    const submission = change({
      newPassword: "Another-pass-2027",
      confirmPassword: "Another-pass-2027",
    });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.currentPassword).toEqual(["请输入当前密码"]);
  });
});

describe("loginSchema and reasonSchema", () => {
  test("a sign-in without a password is refused", () => {
    const submission = parseWithZod(form({ username: "admin" }), { schema: loginSchema });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.password).toEqual(["请输入密码"]);
  });

  test("a one-character reason is refused", () => {
    const submission = parseWithZod(form({ reason: " 不 ", version: "1" }), {
      schema: reasonSchema,
    });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.reason).toEqual(["请填写原因（至少 2 个字）"]);
  });
});

describe("arbitrary form data", () => {
  const knownKeys = [
    "username",
    "displayName",
    "role",
    "placeId",
    "organizationCode",
    "phone",
    "email",
    "password",
    "currentPassword",
    "newPassword",
    "confirmPassword",
    "version",
    "reason",
    "redirectTo",
  ];
  const key = fc.oneof(
    fc.constantFrom(...knownKeys),
    fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "role[0]",
      "placeId.x",
      "a[]",
      "",
      "[0]",
      "toString",
    ),
    fc.string(),
    fc.string({ unit: "binary" }),
  );
  const value = fc.oneof(
    fc.constantFrom(
      "street_officer",
      "association",
      "admin",
      "12",
      "-1",
      "NaN",
      "1e400",
      "",
      demoPassword,
    ),
    fc.string(),
    fc.string({ unit: "binary" }),
  );
  const entries = fc.array(fc.tuple(key, value), { maxLength: 12 });
  const schemas = [
    userCreateSchema,
    userUpdateSchema,
    passwordChangeSchema,
    loginSchema,
    reasonSchema,
  ];

  test("never make parseWithZod throw, and always come back as error or success", () => {
    fc.assert(
      fc.property(entries, fc.constantFrom(...schemas), (pairs, schema) => {
        const data = new FormData();
        for (const [k, v] of pairs) data.append(k, v);
        const submission = parseWithZod(data, { schema });
        expect(["error", "success"]).toContain(submission.status);
      }),
      { numRuns: 500 },
    );
  });

  test("never pollute Object.prototype", () => {
    fc.assert(
      fc.property(entries, (pairs) => {
        const data = new FormData();
        for (const [k, v] of pairs) data.append(k, v);
        parseWithZod(data, { schema: userCreateSchema });
        expect(Object.prototype).toEqual({});
        expect(({} as Record<string, unknown>).role).toBeUndefined();
      }),
    );
  });
});
