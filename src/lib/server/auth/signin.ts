/**
 * Sign-in: checks a name and password, slowed down after repeated failures of
 * the same name from the same address (the rule is `signinDelaySeconds`).
 * The answer never says whether the name exists.
 */
import { query, sqlTime, transaction } from '../db.ts';
import { recordAudit } from '../audit.ts';
import { findUser, type User } from './users.ts';
import { verifyDecoy, verifyPassword } from './passwords.ts';
import { FAILURE_WINDOW_MS, signinDelaySeconds } from '../../domain/accounts.ts';

export type SigninResult =
	| { status: 'ok'; user: User }
	| { status: 'wrong' }
	| { status: 'throttled'; retryAfterSeconds: number };

/**
 * Seconds `name` from `ip` must still wait before its next attempt at `now`:
 * failures since its last success within FAILURE_WINDOW_MS set the delay,
 * counted from the last of them.
 */
export async function retryAfterSeconds(name: string, ip: string, now = new Date()): Promise<number> {
	const [row] = await query<{ failures: number; last_ms: number | null }>(
		`SELECT count(*)::INTEGER AS failures, epoch_ms(max(attempted_at))::DOUBLE AS last_ms
		   FROM signin_attempts
		  WHERE user_name = $name AND ip = $ip AND NOT ok
		    AND attempted_at > $window_start::TIMESTAMP
		    AND attempted_at > coalesce((SELECT max(attempted_at) FROM signin_attempts WHERE user_name = $name AND ip = $ip AND ok), '-infinity'::TIMESTAMP)`,
		{ name, ip, window_start: sqlTime(new Date(now.getTime() - FAILURE_WINDOW_MS)) }
	);
	if (row.last_ms === null) return 0;
	const waitUntil = row.last_ms + signinDelaySeconds(row.failures) * 1000;
	return Math.max(0, Math.ceil((waitUntil - now.getTime()) / 1000));
}

/**
 * Checks `password` for `name` signing in from `ip`. A throttled attempt is
 * refused before the password is looked at and is not counted, so waiting
 * out the delay is the only way on.
 */
export async function signIn(name: string, password: string, ip: string, now = new Date()): Promise<SigninResult> {
	const wait = await retryAfterSeconds(name, ip, now);
	if (wait > 0) return { status: 'throttled', retryAfterSeconds: wait };
	const user = await findUser(name);
	const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyDecoy(password);
	await transaction(async (connection) => {
		await connection.run('INSERT INTO signin_attempts VALUES ($1, $2, $3::TIMESTAMP, $4)', [name, ip, sqlTime(now), ok]);
		// Attempts older than a day can no longer slow anybody down.
		await connection.run(`DELETE FROM signin_attempts WHERE attempted_at < $1::TIMESTAMP - INTERVAL 1 DAY`, [sqlTime(now)]);
		// The name as typed, cut short: a failed attempt may carry anything.
		await recordAudit(connection, { kind: ok ? 'signin' : 'signin.failed', actor: { name: name.slice(0, 64), address: ip }, at: now });
	});
	return ok && user ? { status: 'ok', user: { name: user.name, role: user.role } } : { status: 'wrong' };
}
