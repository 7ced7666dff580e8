import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../../helpers/temp-db.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { addUser } from '../../../../../src/lib/server/auth/users.ts';
import { retryAfterSeconds, signIn } from '../../../../../src/lib/server/auth/signin.ts';
import { actor } from '../../../../helpers/actor.ts';

const PASSWORD = 'đúng mật khẩu rồi';
const IP = '10.0.0.7';
const T0 = new Date('2026-03-02T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

beforeAll(async () => {
	useTempDatabase('signin');
	for (const name of ['lan', 'minh', 'hoa', 'tuan']) await addUser({ name, role: 'analyst' }, PASSWORD, actor('chiso'), T0);
});
afterAll(closeDatabase);

describe('signIn', () => {
	it('signs in with the right password and answers the same "wrong" for a wrong password and an unknown name', async () => {
		expect(await signIn('lan', PASSWORD, IP, at(0))).toEqual({ status: 'ok', user: { name: 'lan', role: 'analyst' } });
		expect(await signIn('lan', 'sai mật khẩu', IP, at(1))).toEqual({ status: 'wrong' });
		expect(await signIn('nobody', PASSWORD, IP, at(1))).toEqual({ status: 'wrong' });
	});

	it('slows down repeated failures of one name from one address: 0, 0, then 2 s, then 4 s', async () => {
		expect(await signIn('minh', 'sai 1', IP, at(0))).toEqual({ status: 'wrong' });
		expect(await retryAfterSeconds('minh', IP, at(0))).toBe(0);
		expect(await signIn('minh', 'sai 2', IP, at(0))).toEqual({ status: 'wrong' });
		expect(await retryAfterSeconds('minh', IP, at(0))).toBe(0);
		// Third failure at 10 s: the next attempt waits 2^(3-2) = 2 s, until 12 s.
		expect(await signIn('minh', 'sai 3', IP, at(10))).toEqual({ status: 'wrong' });
		expect(await retryAfterSeconds('minh', IP, at(10))).toBe(2);
		expect(await retryAfterSeconds('minh', IP, at(11.5))).toBe(1);
		// Even the right password is refused while waiting, and the refusal is not counted.
		expect(await signIn('minh', PASSWORD, IP, at(11))).toEqual({ status: 'throttled', retryAfterSeconds: 1 });
		expect(await retryAfterSeconds('minh', IP, at(12))).toBe(0);
		// Fourth failure at 12 s: 2^(4-2) = 4 s, until 16 s.
		expect(await signIn('minh', 'sai 4', IP, at(12))).toEqual({ status: 'wrong' });
		expect(await retryAfterSeconds('minh', IP, at(12))).toBe(4);
		expect(await retryAfterSeconds('minh', IP, at(15))).toBe(1);
	});

	it('slows down only that name from that address', async () => {
		// minh from IP has 4 failures, the last at 12 s (test above).
		expect(await retryAfterSeconds('minh', '10.0.0.8', at(12))).toBe(0);
		expect(await retryAfterSeconds('hoa', IP, at(12))).toBe(0);
		expect(await signIn('hoa', PASSWORD, IP, at(12))).toMatchObject({ status: 'ok' });
	});

	it('starts again from zero after a success', async () => {
		for (const s of [0, 0, 0]) await signIn('tuan', 'sai', IP, at(s));
		expect(await retryAfterSeconds('tuan', IP, at(0))).toBe(2);
		expect(await signIn('tuan', PASSWORD, IP, at(2))).toMatchObject({ status: 'ok' });
		expect(await signIn('tuan', 'sai', IP, at(3))).toEqual({ status: 'wrong' });
		expect(await retryAfterSeconds('tuan', IP, at(3))).toBe(0);
	});

	it('forgets failures older than an hour', async () => {
		// tuan: one failure at 3 s since the success. Add two more at 4 s: three in all, wait 2 s.
		await signIn('tuan', 'sai', IP, at(4));
		await signIn('tuan', 'sai', IP, at(4));
		expect(await retryAfterSeconds('tuan', IP, at(4))).toBe(2);
		// An hour and 5 s later all three are forgotten; one new failure alone costs nothing.
		expect(await signIn('tuan', 'sai', IP, at(3605))).toEqual({ status: 'wrong' });
		expect(await retryAfterSeconds('tuan', IP, at(3605))).toBe(0);
	});

	it('waits 15 minutes at most, even after a dozen failures', async () => {
		// Failures 1–11 as soon as allowed; the 11th waits 2^9 = 512 s, the 12th 2^10 = 1024 s, capped at 900 s.
		let now = 7200;
		for (let failure = 1; failure <= 12; failure++) {
			now += await retryAfterSeconds('lan', '10.9.9.9', at(now));
			expect(await signIn('lan', 'sai', '10.9.9.9', at(now))).toEqual({ status: 'wrong' });
		}
		expect(await retryAfterSeconds('lan', '10.9.9.9', at(now))).toBe(900);
	});
});
