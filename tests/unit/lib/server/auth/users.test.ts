import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { AccountError, addUser, findUser, listUsers, removeUser, setPassword, signOutEverywhere } from '../../../../../src/lib/server/auth/users.ts';
import { createSession, sessionUser } from '../../../../../src/lib/server/auth/sessions.ts';
import { verifyPassword } from '../../../../../src/lib/server/auth/passwords.ts';
import { actor } from '../../../../helpers/actor.ts';

const T0 = new Date('2026-03-02T08:00:00Z');

beforeAll(() => {
	useTempDatabase('users');
});
afterAll(closeDatabase);

describe('users', () => {
	it('adds an account with a hashed password and refuses the same name twice', async () => {
		await addUser({ name: 'lan', role: 'analyst' }, 'mật khẩu của Lan', actor('hoa'), T0);
		const lan = await findUser('lan');
		expect(lan).toMatchObject({ name: 'lan', role: 'analyst' });
		expect(await verifyPassword('mật khẩu của Lan', lan!.passwordHash)).toBe(true);
		expect(JSON.stringify(await query('SELECT * FROM users'))).not.toContain('mật khẩu của Lan');
		await expect(addUser({ name: 'lan', role: 'admin' }, 'khác hẳn rồi đó', actor('hoa'), T0)).rejects.toEqual(new AccountError('exists', 'lan'));
		expect((await findUser('lan'))!.role).toBe('analyst');
	});

	it('lists accounts with their live sessions', async () => {
		await addUser({ name: 'an', role: 'viewer' }, 'mật khẩu của An', actor('hoa'), T0);
		await createSession('an', T0);
		expect(await listUsers(new Date(T0.getTime() + 60_000))).toEqual([
			{ name: 'an', role: 'viewer', createdAt: '2026-03-02 08:00', activeSessions: 1 },
			{ name: 'lan', role: 'analyst', createdAt: '2026-03-02 08:00', activeSessions: 0 }
		]);
	});

	it('a new password replaces the old one and ends every session', async () => {
		const session = await createSession('lan', T0);
		expect(await setPassword('lan', 'mật khẩu mới của Lan', actor('hoa'), T0)).toBe(1);
		const lan = await findUser('lan');
		expect(await verifyPassword('mật khẩu của Lan', lan!.passwordHash)).toBe(false);
		expect(await verifyPassword('mật khẩu mới của Lan', lan!.passwordHash)).toBe(true);
		expect(await sessionUser(session.token, T0)).toBeNull();
	});

	it('signs a user out everywhere', async () => {
		const a = await createSession('lan', T0);
		const b = await createSession('lan', T0);
		expect(await signOutEverywhere('lan', actor('hoa'), T0)).toBe(2);
		expect(await sessionUser(a.token, T0)).toBeNull();
		expect(await sessionUser(b.token, T0)).toBeNull();
	});

	it('removing an account revokes its sessions', async () => {
		const session = await createSession('an', T0);
		expect(await removeUser('an', actor('hoa'), T0)).toBe(2);
		expect(await findUser('an')).toBeNull();
		expect(await sessionUser(session.token, T0)).toBeNull();
	});

	it('names an unknown account', async () => {
		await expect(removeUser('ghost', actor('hoa'))).rejects.toEqual(new AccountError('unknown', 'ghost'));
		await expect(setPassword('ghost', 'mười ký tự nữa', actor('hoa'))).rejects.toEqual(new AccountError('unknown', 'ghost'));
		await expect(signOutEverywhere('ghost', actor('hoa'))).rejects.toEqual(new AccountError('unknown', 'ghost'));
	});
});
