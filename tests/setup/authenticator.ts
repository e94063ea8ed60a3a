/**
 * An authenticator app in a test: the otpauth:// address the page shows (or
 * the secret typed by hand) read by the independent `otpauth` library, which
 * then makes the codes, as a phone would.
 */
import * as OTPAuth from "otpauth";

export function authenticatorFromUri(uri: string): OTPAuth.TOTP {
  const otp = OTPAuth.URI.parse(uri);
  if (!(otp instanceof OTPAuth.TOTP)) throw new Error(`not a TOTP address: ${uri}`);
  return otp;
}

/** From the secret as shown for typing by hand ("ABCD EFGH …"). */
export function authenticatorFromSecret(secretText: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretText.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 });
}

export function codeAt(authenticator: OTPAuth.TOTP, at: Date): string {
  return authenticator.generate({ timestamp: at.getTime() });
}
