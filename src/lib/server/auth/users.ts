/**
 * Accounts in the database: add, list, change password, remove. Called by the
 * `chiso user` command and the admin-only /api/users endpoints.
 */
import { query, transaction, rowsOn } from '../db.ts';
import { hashPassword } from './passwords.ts';
import { LIVE_SESSION, liveAt, revokeUserSessions, sqlTime } from './sessions.ts';
import type { Role } from '../../domain/accounts.ts';

export interface User {
	name: string;
	role: Role;
}

export interface UserListing extends User {
	createdAt: string;
	activeSessions: number;
}

/** A user operation that cannot be done; `reason` is a message key suffix (`accounts.error.<reason>`). */
export class AccountError extends Error {
	constructor(
		readonly reason: 'exists' | 'unknown',
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

/** Creates an account; throws AccountError('exists') when the name is taken. Name and password must be valid already. */
export async function addUser(user: User, password: string, now = new Date()): Promise<void> {
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
export async function setPassword(name: string, password: string, now = new Date()): Promise<number> {
	const hash = await hashPassword(password);
	return transaction(async (connection) => {
		const updated = await rowsOn(connection, 'UPDATE users SET password_hash = $2 WHERE name = $1 RETURNING name', [name, hash]);
		if (updated.length === 0) throw new AccountError('unknown', name);
		return revokeUserSessions(name, now, connection);
	});
}

/** Removes an account and revokes all its sessions; returns how many were revoked. */
export async function removeUser(name: string, now = new Date()): Promise<number> {
	return transaction(async (connection) => {
		const removed = await rowsOn(connection, 'DELETE FROM users WHERE name = $1 RETURNING name', [name]);
		if (removed.length === 0) throw new AccountError('unknown', name);
		return revokeUserSessions(name, now, connection);
	});
}

/** Signs `name` out everywhere; returns how many sessions were revoked. */
export async function signOutEverywhere(name: string, now = new Date()): Promise<number> {
	if (!(await findUser(name))) throw new AccountError('unknown', name);
	return revokeUserSessions(name, now);
}
