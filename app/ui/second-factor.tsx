import type { ReactNode } from "react";
import { Field } from "./form";

/** What the server hands the page to set an authenticator up (app/auth/second-factor.server.ts EnrolmentView). */
export interface AuthenticatorSetup {
  uri: string;
  secretText: string;
  qrSvg: string;
}

/**
 * The QR code and the secret as text. The QR code is SVG markup drawn on the
 * server from our own otpauth:// address, inlined so no image request and no
 * script is needed under the strict CSP.
 */
export function AuthenticatorSetupPanel({ setup, children }: { setup: AuthenticatorSetup; children?: ReactNode }) {
  return (
    <div className="grid gap-6 md:grid-cols-[220px_1fr]">
      <div
        role="img"
        aria-label="身份验证器二维码"
        className="h-[220px] w-[220px] rounded border border-slate-200 bg-white p-1"
        // The markup is uqr's rendering of a URI we built: rects and a path, no text from users.
        dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
      />
      <div className="text-sm">
        <ol className="mb-4 list-decimal space-y-1 pl-5 text-slate-700">
          <li>在手机上安装身份验证器应用（如腾讯身份验证器、Microsoft Authenticator、Google Authenticator）。</li>
          <li>在应用中选择“扫描二维码”，扫描左侧二维码；无法扫描时，选择“手动输入密钥”，输入下面的密钥（基于时间，30 秒，6 位）。</li>
          <li>输入应用中显示的 6 位验证码，完成设置。</li>
        </ol>
        <p className="text-slate-600">密钥</p>
        <p className="mb-4 font-mono text-base tracking-wider break-all" data-testid="totp-secret">
          {setup.secretText}
        </p>
        {children}
      </div>
    </div>
  );
}

/** The ten recovery codes, shown once. */
export function RecoveryCodesPanel({ codes, children }: { codes: readonly string[]; children?: ReactNode }) {
  return (
    <section role="status" aria-labelledby="recovery-title" className="mb-6 rounded border border-green-300 bg-green-50 p-5 text-sm text-green-950">
      <h2 id="recovery-title" className="mb-2 text-lg font-semibold">
        请保存您的恢复码
      </h2>
      <p className="mb-3">
        手机丢失或无法使用身份验证器时，可用以下任一恢复码代替验证码登录，每个只能使用一次。请立即抄写或打印并妥善保管；离开本页后将不再显示。
      </p>
      <ul aria-label="恢复码" className="mb-3 grid grid-cols-2 gap-2 font-mono text-base sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code} className="rounded bg-white px-2 py-1 text-center">
            {code}
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}

/**
 * The authenticator's 6-digit code, as every form that asks for it has it: a
 * number pad on phones and the browser's one-time-code autofill. Keyed by its
 * errors so a refused code is cleared for the next try.
 */
export function CodeField({ name, errors, autoFocus }: { name: string; errors?: string[] | null; autoFocus?: boolean }) {
  return (
    <Field
      key={`code-${JSON.stringify(errors ?? null)}`}
      label="验证码"
      name={name}
      errors={errors ?? undefined}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={10}
      autoFocus={autoFocus}
      required
    />
  );
}
