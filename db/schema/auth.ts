import { bytea } from "./types";
import {
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

export const roles = [
  "admin",
  "district_officer",
  "street_officer",
  "association",
  "village_clerk",
  "village_supervisor",
] as const;
export type Role = (typeof roles)[number];


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
    phone: varchar("phone", { length: 20 }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Consecutive failed sign-ins since the last success or lock. */
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Set when an admin resets the password: the user must choose a new one. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
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
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Every sign-in post, kept briefly: the per-address rate limit counts these across app instances. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: serial("id").primaryKey(),
    ip: text("ip").notNull(),
    username: text("username").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    succeeded: boolean("succeeded").notNull(),
  },
  (t) => [index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);
