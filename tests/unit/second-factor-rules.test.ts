import { describe, expect, test } from "vitest";
import * as OTPAuth from "otpauth";
import { secondFactorRequirementFormSchema, secondFactorRolesSchema } from "../../app/auth/second-factor-requirement";
import {
  acceptableRecoveryByte,
  acceptedStep,
  formatRecoveryCode,
  readRecoveryCode,
  readTotpCode,
  recoveryAlphabet,
  totpIssuer,
  totpSecretText,
  totpStep,
  totpUri,
} from "../../app/auth/second-factor-rules";

const key = Uint8Array.from({ length: 20 }, (_, i) => i * 7 + 3);
const now = new Date("2026-06-01T02:00:10Z");
const authenticator = new OTPAuth.TOTP({ secret: new OTPAuth.Secret({ buffer: key.slice().buffer }), algorithm: "SHA1", digits: 6, period: 30 });
const code = (at: Date) => authenticator.generate({ timestamp: at.getTime() });
const shift = (steps: number) => new Date(now.getTime() + steps * 30_000);

describe("TOTP (RFC 6238: SHA-1, 30 s, 6 digits)", () => {
  test("the code of this step is accepted, as are one step either side; two are not", () => {
    const current = totpStep(now);
    expect(acceptedStep(key, code(now), now, null)).toBe(current);
    expect(acceptedStep(key, code(shift(-1)), now, null)).toBe(current - 1);
    expect(acceptedStep(key, code(shift(1)), now, null)).toBe(current + 1);
    expect(acceptedStep(key, code(shift(-2)), now, null)).toBeNull();
    expect(acceptedStep(key, code(shift(2)), now, null)).toBeNull();
  });

  test("a step already used, or an earlier one, is not accepted again", () => {
    const current = totpStep(now);
    expect(acceptedStep(key, code(now), now, current)).toBeNull();
    expect(acceptedStep(key, code(shift(-1)), now, current - 1)).toBeNull();
    expect(acceptedStep(key, code(shift(1)), now, current)).toBe(current + 1);
  });

  test("the RFC 6238 test vector (SHA-1, 59 s, 8 digits as 6)", () => {
    const rfcKey = new TextEncoder().encode("12345678901234567890");
    // 94287082 in the RFC; the 6-digit code is its last six digits.
    expect(acceptedStep(rfcKey, "287082", new Date(59_000), null)).toBe(1);
  });

  test("codes are read as typed: spaces and full-width digits", () => {
    expect(readTotpCode(" 123 456 ")).toBe("123456");
    expect(readTotpCode("１２３４５６")).toBe("123456");
    expect(readTotpCode("12345")).toBeNull();
    expect(readTotpCode("12345a")).toBeNull();
  });

  test("the address an app scans names the issuer and the user, and carries the secret", () => {
    const uri = totpUri(key, "officer");
    const parsed = OTPAuth.URI.parse(uri);
    expect(parsed).toBeInstanceOf(OTPAuth.TOTP);
    expect(parsed.issuer).toBe(totpIssuer);
    expect(parsed.label).toBe("officer");
    expect(parsed.secret.base32).toBe(authenticator.secret.base32);
    expect(totpSecretText(key).replace(/ /g, "")).toBe(authenticator.secret.base32);
    expect(totpSecretText(key)).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  });
});

describe("recovery codes", () => {
  test("ten symbols from an alphabet without look-alikes, shown as xxxxx-xxxxx", () => {
    expect(recoveryAlphabet).not.toMatch(/[01ilo]/);
    const formatted = formatRecoveryCode(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 30]));
    expect(formatted).toBe("abcde-fghj9");
    expect(formatted).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  });

  test("bytes that would favour some symbols are not used", () => {
    expect(acceptableRecoveryByte(247)).toBe(true);
    expect(acceptableRecoveryByte(248)).toBe(false);
  });

  test("read as typed: any case, spaces or dashes anywhere", () => {
    expect(readRecoveryCode("ABCDE-FGHJ9")).toBe("abcdefghj9");
    expect(readRecoveryCode(" abc de fghj 9 ")).toBe("abcdefghj9");
    expect(readRecoveryCode("abcde-fghj")).toBeNull();
    expect(readRecoveryCode("abcde-fghj0")).toBeNull();
  });
});

describe("the requirement per role", () => {
  test("roles once each, in the usual order", () => {
    expect(secondFactorRolesSchema.parse(["village_supervisor", "admin", "admin"])).toEqual(["admin", "village_supervisor"]);
    expect(secondFactorRolesSchema.safeParse(["root"]).success).toBe(false);
  });

  test("the form takes one ticked box, several, or none", () => {
    const parse = (roles: unknown) => secondFactorRequirementFormSchema.parse({ roles, reason: "按等保要求" }).roles;
    expect(parse(undefined)).toEqual([]);
    expect(parse("admin")).toEqual(["admin"]);
    expect(parse(["street_officer", "district_officer"])).toEqual(["district_officer", "street_officer"]);
  });
});
