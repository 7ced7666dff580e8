/**
 * Sign-in sessions. The browser holds a random token; the database holds only
 * its SHA-256, so a copied database file signs nobody in. A session ends after
 * SESSION_IDLE_MS without a request, SESSION_MAX_MS after sign-in, or when revoked.
 * Every function takes the clock (`now`) so tests need not wait.
 */
import crypto from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { query, rowsOn, sqlTime, transaction, withConnection } from '../db.ts';
import { recordAudit, type Actor } from '../audit.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS, type Role } from '../../domain/accounts.ts';

export { sqlTime };

/** SQL condition: the session aliased `s` is live; needs the parameters from `liveAt`. */
export const LIVE_SESSION =
	's.revoked_at IS NULL AND s.expires_at > $now::TIMESTAMP AND s.last_seen_at > $idle_since::TIMESTAMP';

/** The named parameters of LIVE_SESSION at time `now`. */
export function liveAt(now: Date): { now: string; idle_since: string } {
	return { now: sqlTime(now), idle_since: sqlTime(new Date(now.getTime() - SESSION_IDLE_MS)) };
}

function tokenHash(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}

// A request refreshes its session's idle clock at most once a minute: fewer writes, same limits.
const TOUCH_EVERY_MS = 60 * 1000;

/** Starts a session for `userName`; returns the token for the cookie and when the session ends at the latest. */
export async function createSession(userName: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
	const token = crypto.randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
	await query(
		'INSERT INTO sessions (token_hash, user_name, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3::TIMESTAMP, $3::TIMESTAMP, $4::TIMESTAMP)',
		[tokenHash(token), userName, sqlTime(now), sqlTime(expiresAt)]
	);
	return { token, expiresAt };
}

/** The signed-in user of a live session `token` at `now`, or null; refreshes the idle clock. */
export async function sessionUser(token: string, now = new Date()): Promise<{ name: string; role: Role } | null> {
	const hash = tokenHash(token);
	const [row] = await query<{ name: string; role: Role; stale: boolean }>(
		`SELECT u.name, u.role, s.last_seen_at < $touch_before::TIMESTAMP AS stale
		   FROM sessions s JOIN users u ON u.name = s.user_name
		  WHERE s.token_hash = $hash AND ${LIVE_SESSION}`,
		{ hash, touch_before: sqlTime(new Date(now.getTime() - TOUCH_EVERY_MS)), ...liveAt(now) }
	);
	if (!row) return null;
	if (row.stale) {
		await query('UPDATE sessions SET last_seen_at = $2::TIMESTAMP WHERE token_hash = $1', [hash, sqlTime(now)]).catch(
			// Two requests of one browser may touch the same row at once; DuckDB refuses the second
			// (write-write conflict). The first one's time is good enough.
			(error: unknown) => {
				if (!/conflict/i.test(String(error))) throw error;
			}
		);
	}
	return { name: row.name, role: row.role };
}

/** Ends the session `token` (sign-out by `by`), audited. Unknown or ended tokens are ignored, and not audited. */
export async function revokeSession(token: string, by: Actor, now = new Date()): Promise<void> {
	await transaction(async (connection) => {
		const ended = await rowsOn(
			connection,
			'UPDATE sessions SET revoked_at = $2::TIMESTAMP WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_name',
			[tokenHash(token), sqlTime(now)]
		);
		if (ended.length > 0) await recordAudit(connection, { kind: 'signout', actor: by, target: String(ended[0].user_name), at: now });
	});
}

/** Ends every session of `userName`; returns how many were live. On `connection` when inside a transaction. */
export async function revokeUserSessions(userName: string, now = new Date(), connection?: DuckDBConnection): Promise<number> {
	const run = async (c: DuckDBConnection) => {
		const reader = await c.runAndReadAll(
			`UPDATE sessions s SET revoked_at = $now::TIMESTAMP WHERE s.user_name = $name AND ${LIVE_SESSION} RETURNING 1`,
			{ name: userName, ...liveAt(now) }
		);
		return reader.getRowObjectsJS().length;
	};
	return connection ? run(connection) : withConnection(run);
}
