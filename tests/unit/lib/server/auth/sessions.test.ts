import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { addUser } from '../../../../../src/lib/server/auth/users.ts';
import { createSession, revokeSession, revokeUserSessions, sessionUser } from '../../../../../src/lib/server/auth/sessions.ts';
import { actor } from '../../../../helpers/actor.ts';

const HOUR = 60 * 60 * 1000;
const T0 = new Date('2026-03-02T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
	useTempDatabase('sessions');
	await addUser({ name: 'lan', role: 'analyst' }, 'mật khẩu của Lan', actor('chiso'), T0);
	await addUser({ name: 'minh', role: 'viewer' }, 'mật khẩu của Minh', actor('chiso'), T0);
});
afterAll(closeDatabase);

describe('sessions', () => {
	it('stores only the SHA-256 of the token', async () => {
		const { token } = await createSession('lan', T0);
		const rows = await query<{ token_hash: string }>('SELECT token_hash FROM sessions');
		expect(rows.map((r) => r.token_hash)).toContain(crypto.createHash('sha256').update(token).digest('hex'));
		expect(JSON.stringify(await query('SELECT * FROM sessions'))).not.toContain(token);
	});

	it('finds the user of a live session, and nobody for an unknown token', async () => {
		const { token } = await createSession('lan', T0);
		expect(await sessionUser(token, at(HOUR))).toEqual({ name: 'lan', role: 'analyst' });
		expect(await sessionUser('not-a-token', at(HOUR))).toBeNull();
	});

	it('ends 12 hours after the last request, and each request restarts that clock', async () => {
		const { token } = await createSession('lan', T0);
		// Seen at 11 h 59 min: still live, and now idle time counts from there.
		expect(await sessionUser(token, at(11 * HOUR + 59 * 60_000))).not.toBeNull();
		// 23 h 58 min after sign-in, 11 h 59 min after the last request: live.
		expect(await sessionUser(token, at(23 * HOUR + 58 * 60_000))).not.toBeNull();
		// 12 h after the request at 23 h 58 min: ended.
		expect(await sessionUser(token, at(35 * HOUR + 58 * 60_000))).toBeNull();
	});

	it('ends 7 days after sign-in however busy it is', async () => {
		const { token, expiresAt } = await createSession('lan', T0);
		expect(expiresAt).toEqual(at(7 * 24 * HOUR));
		// A request every 6 hours keeps it from idling out…
		for (let h = 6; h < 7 * 24; h += 6) expect(await sessionUser(token, at(h * HOUR))).not.toBeNull();
		expect(await sessionUser(token, at(7 * 24 * HOUR - 1000))).not.toBeNull();
		// …but at 7 days it ends.
		expect(await sessionUser(token, at(7 * 24 * HOUR))).toBeNull();
	});

	it('ends when revoked (sign-out)', async () => {
		const { token } = await createSession('lan', T0);
		await revokeSession(token, actor('lan'), at(HOUR));
		expect(await sessionUser(token, at(HOUR + 1000))).toBeNull();
	});

	it('revoking a user ends all of that user’s live sessions, counts only those, and touches nobody else’s', async () => {
		await addUser({ name: 'hoa', role: 'admin' }, 'mật khẩu của Hoa', actor('chiso'), T0);
		const old = await createSession('hoa', T0); // idle since T0: ended at 12 h
		const signedOut = await createSession('hoa', at(13 * HOUR));
		await revokeSession(signedOut.token, actor('lan'), at(13 * HOUR));
		const live = [await createSession('hoa', at(13 * HOUR)), await createSession('hoa', at(14 * HOUR))];
		const minh = await createSession('minh', at(14 * HOUR));
		expect(await revokeUserSessions('hoa', at(15 * HOUR))).toBe(2);
		for (const s of [old, signedOut, ...live]) expect(await sessionUser(s.token, at(15 * HOUR + 1000))).toBeNull();
		expect(await sessionUser(minh.token, at(15 * HOUR + 1000))).toEqual({ name: 'minh', role: 'viewer' });
	});
});
