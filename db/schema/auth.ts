import { bytea } from "./types";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { places } from "./places";
import { roles } from "../../vocabulary";

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: varchar("username", { length: 64 }).notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: roles }).notNull(),
    /** Street for street officers; village or community for clerks and supervisors. */
    placeId: integer("place_id").references(() => places.id),
    /** The organization an association user acts for. */
    organizationId: integer("organization_id").references(() => organizations.id),
    /** A 业务主管单位's account: the unit's name, as organizations and applications name it. */
    supervisingUnit: text("supervising_unit_name"),
    phone: varchar("phone", { length: 20 }),
    /** Where reminders are also sent by e-mail; none, and they are in-app only. */
    email: varchar("email", { length: 254 }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Consecutive failed sign-ins since the last success or lock. */
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Set when an admin resets the password: the user must choose a new one. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** TOTP (RFC 6238) secret once the user has enrolled an authenticator; null without a second factor. */
    totpSecret: bytea("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last 30-second step whose code was accepted: a code is good once. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** A secret shown as a QR code and not yet confirmed with a code. */
    totpPendingSecret: bytea("totp_pending_secret"),
    totpPendingAt: timestamp("totp_pending_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Optimistic-concurrency version: an edit names the version it started from. */
    version: integer("version").notNull().default(1),
  },
  (t) => [index("users_role_idx").on(t.role)],
);

/**
 * Sessions as in the Lucia guide: the cookie carries "<id>.<secret>", the table
 * keeps only the SHA-256 of the secret, so a leaked table cannot be replayed.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: varchar("id", { length: 32 }).primaryKey(),
    secretHash: bytea("secret_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** When the user last proved who they are (password or code): sensitive changes want it recent. */
    verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * A sign-in whose password was right and whose second factor is still to come:
 * the cookie carries "<id>.<secret>" as for sessions, and no session exists yet.
 */
export const pendingSignIns = pgTable("pending_sign_ins", {
  id: varchar("id", { length: 32 }).primaryKey(),
  secretHash: bytea("secret_hash").notNull(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  /** "code": enter the authenticator's code; "enrol": the role requires a second factor the user has not set up. */
  stage: text("stage", { enum: ["code", "enrol"] }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  failedCodes: integer("failed_codes").notNull().default(0),
  ip: text("ip"),
  userAgent: text("user_agent"),
  redirectTo: text("redirect_to"),
});

/** One-time recovery codes for a lost authenticator, kept as SHA-256 hashes. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: bytea("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * Every attempt to prove who one is, kept briefly: sign-in posts, current-password
 * checks and second-factor codes. Throttles count these by address and by account
 * name across app instances.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: serial("id").primaryKey(),
    ip: text("ip").notNull(),
    username: text("username").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    succeeded: boolean("succeeded").notNull(),
    kind: text("kind", { enum: ["sign_in", "password_check", "second_factor"] }).notNull().default("sign_in"),
  },
  (t) => [index("login_attempts_ip_at_idx").on(t.ip, t.at), index("login_attempts_username_at_idx").on(t.username, t.at)],
);

/**
 * One-time submission keys: a form carries one, and the first write it makes
 * claims it in the same transaction, so the same submission sent again (a
 * double click, a retry after a 503) is answered instead of written twice.
 */
export const submissionKeys = pgTable(
  "submission_keys",
  {
    key: varchar("key", { length: 200 }).primaryKey(),
    userId: integer("user_id"),
    path: text("path").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Set in the transaction of the write: the submission changed something. */
    wrote: boolean("wrote").notNull().default(false),
    /** Where the first answer sent the user, once known. */
    location: text("location"),
  },
  (t) => [index("submission_keys_created_idx").on(t.createdAt)],
);
