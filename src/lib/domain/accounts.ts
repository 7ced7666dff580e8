/**
 * Accounts as data: the roles and what each may do, the rules for names and
 * passwords, session lifetimes and the sign-in slow-down rule. Pure: the
 * server (src/lib/server/auth/) and the CLI apply these.
 */
import { z } from 'zod';
import { t, type Locale } from '../i18n/index.ts';
import '../i18n/areas/accounts.ts';

/** Roles from least to most trusted; each may do everything the ones before it may. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Whether `role` is at least `needed` (an admin may do what an analyst may). */
export function roleAtLeast(role: Role, needed: Role): boolean {
	return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * Sign-in names are short ASCII (`lan.nguyen`), compared lower-cased, so
 * "Lan.Nguyen" and "lan.nguyen" are one account and nobody types a diacritic to sign in.
 */
export const userNameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9][a-z0-9._-]{1,31}$/);

/** At least 10 characters: the only rule, long passphrases welcome (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(1024);

/** A session ends 12 hours after its last request… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and in any case 7 days after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

/** Failed sign-ins older than this are forgotten. */
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;
/** Failures allowed before any wait. */
export const FREE_FAILURES = 2;
/** The longest wait between two attempts. */
export const MAX_DELAY_SECONDS = 900;

/**
 * Seconds a name + address must wait after its last failed sign-in, given
 * `failures` failed attempts since its last success (within FAILURE_WINDOW_MS):
 * none for the first two, then 2, 4, 8, … seconds, doubling, capped at 15 minutes.
 */
export function signinDelaySeconds(failures: number): number {
	if (failures <= FREE_FAILURES) return 0;
	return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function check<T>(schema: z.ZodType<T>, value: unknown, message: () => string): Checked<T> {
	const parsed = schema.safeParse(value);
	return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: message() };
}

/** A sign-in name, lower-cased, or the reason it is refused in `locale`. */
export function checkUserName(value: unknown, locale: Locale): Checked<string> {
	return check(userNameSchema, value, () => t(locale, 'accounts.error.name', { name: String(value ?? '') }));
}

/** A role, or the reason it is refused in `locale`. */
export function checkRole(value: unknown, locale: Locale): Checked<Role> {
	return check(roleSchema, value, () => t(locale, 'accounts.error.role', { role: String(value ?? '') }));
}

/** A new password, or the reason it is refused in `locale`. */
export function checkPassword(value: unknown, locale: Locale): Checked<string> {
	return check(passwordSchema, value, () => t(locale, 'accounts.error.password', { min: PASSWORD_MIN_LENGTH }));
}

/** A new account as sent to POST /api/users (`{ name, role, password }`), or the first reason it is refused. */
export function checkNewUser(body: unknown, locale: Locale): Checked<{ name: string; role: Role; password: string }> {
	if (typeof body !== 'object' || body === null) return { ok: false, message: t(locale, 'accounts.error.body') };
	const { name, role, password } = body as Record<string, unknown>;
	const n = checkUserName(name, locale);
	if (!n.ok) return n;
	const r = checkRole(role, locale);
	if (!r.ok) return r;
	const p = checkPassword(password, locale);
	if (!p.ok) return p;
	return { ok: true, value: { name: n.value, role: r.value, password: p.value } };
}
