/**
 * Accounts in the database: add, list, change role or password, revoke
 * sessions, remove. Called by the `chiso user` command, the admin-only
 * /api/users endpoints and the /admin/users page. Every change is audited in
 * its own transaction, and no change leaves the database without an admin.
 */
import crypto from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { query, transaction, rowsOn } from '../db.ts';
import { hashPassword } from './passwords.ts';
import { LIVE_SESSION, liveAt, revokeUserSessions, sqlTime } from './sessions.ts';
import { recordAudit, type Actor } from '../audit.ts';
import type { Role } from '../../domain/accounts.ts';

export interface User {
	name: string;
	role: Role;
}

export interface UserListing extends User {
	createdAt: string;
	activeSessions: number;
}

/**
 * What an account action of /admin/users says back: a line saying what was
 * done and a new password to show once, or why it was refused and what was typed.
 */
export interface AccountOutcome {
	done?: string;
	password?: string;
	passwordOf?: string;
	message?: string;
	values?: { name: string; role: string };
}

/** A user operation that cannot be done; `reason` is a message key suffix (`accounts.error.<reason>`). */
export class AccountError extends Error {
	constructor(
		readonly reason: 'exists' | 'unknown' | 'lastAdmin',
		readonly userName: string
	) {
		super(`${reason}: ${userName}`);
	}
}

/** The user called `name`, with the stored password hash, or null. */
export async function findUser(name: string): Promise<(User & { passwordHash: string }) | null> {
	const [row] = await query<{ name: string; role: Role; password_hash: string }>(
		'SELECT name, role, password_hash FROM users WHERE name = $1',
		[name]
	);
	return row ? { name: row.name, role: row.role, passwordHash: row.password_hash } : null;
}

/** Creates an account for `by`; throws AccountError('exists') when the name is taken. Name and password must be valid already. */
export async function addUser(user: User, password: string, by: Actor, now = new Date()): Promise<void> {
	const hash = await hashPassword(password);
	return transaction(async (connection) => {
		const taken = await rowsOn(connection, 'SELECT 1 FROM users WHERE name = $1', [user.name]);
		if (taken.length > 0) throw new AccountError('exists', user.name);
		await connection.run('INSERT INTO users VALUES ($1, $2, $3, $4::TIMESTAMP)', [
			user.name,
			user.role,
			hash,
			sqlTime(now)
		]);
		await recordAudit(connection, { kind: 'user.add', actor: by, target: user.name, detail: { role: user.role }, at: now });
	});
}

/** Every account with its creation time and number of live sessions at `now`. */
export async function listUsers(now = new Date()): Promise<UserListing[]> {
	const rows = await query<{ name: string; role: Role; created: string; sessions: number }>(
		`SELECT u.name, u.role, strftime(u.created_at, '%Y-%m-%d %H:%M') AS created,
		        count(s.token_hash) FILTER (WHERE ${LIVE_SESSION})::INTEGER AS sessions
		   FROM users u LEFT JOIN sessions s ON s.user_name = u.name
		  GROUP BY ALL ORDER BY u.name`,
		liveAt(now)
	);
	return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created, activeSessions: r.sessions }));
}

/**
 * Sets a new password and signs the user out everywhere (a changed password
 * ends old sessions); returns how many sessions were revoked.
 */
export async function setPassword(name: string, password: string, by: Actor, now = new Date()): Promise<number> {
	const hash = await hashPassword(password);
	return transaction(async (connection) => {
		const updated = await rowsOn(connection, 'UPDATE users SET password_hash = $2 WHERE name = $1 RETURNING name', [name, hash]);
		if (updated.length === 0) throw new AccountError('unknown', name);
		const sessions = await revokeUserSessions(name, now, connection);
		await recordAudit(connection, { kind: 'user.password', actor: by, target: name, detail: { sessions }, at: now });
		return sessions;
	});
}

// No look-alikes (0/O, 1/l/I): the password is read off a screen and typed or dictated.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 16 characters of a 56-letter alphabet: about 93 bits, beyond guessing even without the sign-in slow-down. */
const RESET_LENGTH = 16;

/** A fresh random password of RESET_LENGTH characters (crypto-random, unbiased). */
export function randomPassword(): string {
	let password = '';
	while (password.length < RESET_LENGTH) password += PASSWORD_ALPHABET[crypto.randomInt(PASSWORD_ALPHABET.length)];
	return password;
}

/**
 * Gives `name` a new random password (the admin hands it over; it is shown
 * once and stored only hashed) and signs the account out everywhere.
 */
export async function resetPassword(name: string, by: Actor, now = new Date()): Promise<{ password: string; sessions: number }> {
	const password = randomPassword();
	return { password, sessions: await setPassword(name, password, by, now) };
}

/**
 * Changes that can take someone out of the admins, one after another. Each
 * reads the admins and then writes: two run together would both see two
 * admins and could leave none, and DuckDB does not always refuse the second
 * (an unchanged rewrite of the same rows is no conflict to it; a real one
 * reached the admin as a server error). One process holds the database
 * (DuckDB's file lock), so a queue in this process is enough.
 */
let adminChanges: Promise<unknown> = Promise.resolve();

/** Runs `change` in its own transaction once every earlier admin change has ended. */
function adminChange<T>(change: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	const run = adminChanges.then(() => transaction(change));
	adminChanges = run.catch(() => undefined);
	return run;
}

/** Refuses a change that would take `name` out of the admins when it is the last one. */
async function keepAnAdmin(connection: DuckDBConnection, name: string): Promise<void> {
	const admins = await rowsOn<{ name: string }>(connection, "SELECT name FROM users WHERE role = 'admin'");
	if (admins.length === 1 && admins[0].name === name) throw new AccountError('lastAdmin', name);
}

/** Changes the role of `name`; the last admin keeps theirs (AccountError 'lastAdmin'). Returns the role it had. */
export async function setRole(name: string, role: Role, by: Actor, now = new Date()): Promise<Role> {
	return adminChange(async (connection) => {
		const [user] = await rowsOn<{ role: Role }>(connection, 'SELECT role FROM users WHERE name = $1', [name]);
		if (!user) throw new AccountError('unknown', name);
		if (user.role === role) return role;
		if (user.role === 'admin') await keepAnAdmin(connection, name);
		await connection.run('UPDATE users SET role = $2 WHERE name = $1', [name, role]);
		await recordAudit(connection, { kind: 'user.role', actor: by, target: name, detail: { role: { from: user.role, to: role } }, at: now });
		return user.role;
	});
}

/** Removes an account and revokes all its sessions; returns how many were revoked. The last admin stays (AccountError 'lastAdmin'). */
export async function removeUser(name: string, by: Actor, now = new Date()): Promise<number> {
	return adminChange(async (connection) => {
		await keepAnAdmin(connection, name);
		const removed = await rowsOn<{ role: Role }>(connection, 'DELETE FROM users WHERE name = $1 RETURNING role', [name]);
		if (removed.length === 0) throw new AccountError('unknown', name);
		const sessions = await revokeUserSessions(name, now, connection);
		await recordAudit(connection, { kind: 'user.remove', actor: by, target: name, detail: { role: removed[0].role, sessions }, at: now });
		return sessions;
	});
}

/** Signs `name` out everywhere; returns how many sessions were revoked. */
export async function signOutEverywhere(name: string, by: Actor, now = new Date()): Promise<number> {
	return transaction(async (connection) => {
		const [user] = await rowsOn(connection, 'SELECT 1 FROM users WHERE name = $1', [name]);
		if (!user) throw new AccountError('unknown', name);
		const sessions = await revokeUserSessions(name, now, connection);
		await recordAudit(connection, { kind: 'user.revoke', actor: by, target: name, detail: { sessions }, at: now });
		return sessions;
	});
}
