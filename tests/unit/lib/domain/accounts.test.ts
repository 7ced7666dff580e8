import { describe, expect, it } from 'vitest';
import { checkNewUser, roleAtLeast, signinDelaySeconds } from '../../../../src/lib/domain/accounts.ts';

describe('roles', () => {
	it('an admin may do what an analyst may, an analyst what a viewer may, never the other way', () => {
		expect(roleAtLeast('admin', 'analyst')).toBe(true);
		expect(roleAtLeast('analyst', 'analyst')).toBe(true);
		expect(roleAtLeast('analyst', 'viewer')).toBe(true);
		expect(roleAtLeast('viewer', 'analyst')).toBe(false);
		expect(roleAtLeast('analyst', 'admin')).toBe(false);
	});
});

describe('signinDelaySeconds', () => {
	it('lets two failures pass, then waits 2, 4, 8 … seconds, doubling', () => {
		// 3rd failure: 2^(3-2) = 2; 4th: 2^2 = 4; 5th: 8; 10th: 2^8 = 256; 11th: 2^9 = 512.
		expect([0, 1, 2, 3, 4, 5, 10, 11].map(signinDelaySeconds)).toEqual([0, 0, 0, 2, 4, 8, 256, 512]);
	});

	it('never waits more than 15 minutes', () => {
		// 12th failure: 2^10 = 1024 s, more than 900 s.
		expect(signinDelaySeconds(12)).toBe(900);
		expect(signinDelaySeconds(1000)).toBe(900);
	});
});

describe('checkNewUser', () => {
	it('lower-cases the name and keeps role and password', () => {
		expect(checkNewUser({ name: ' Lan.Nguyen ', role: 'analyst', password: 'mười ký tự đủ' }, 'vi')).toEqual({
			ok: true,
			value: { name: 'lan.nguyen', role: 'analyst', password: 'mười ký tự đủ' }
		});
	});

	it('refuses a name with diacritics, an unknown role and a short password, in the interface language', () => {
		expect(checkNewUser({ name: 'Nguyễn', role: 'analyst', password: '0123456789' }, 'vi')).toMatchObject({
			ok: false,
			message: expect.stringContaining('Tên đăng nhập «Nguyễn» không hợp lệ')
		});
		expect(checkNewUser({ name: 'lan', role: 'root', password: '0123456789' }, 'en')).toMatchObject({
			ok: false,
			message: 'The role “root” is not valid; choose one of: viewer, analyst, admin.'
		});
		expect(checkNewUser({ name: 'lan', role: 'viewer', password: '012345678' }, 'vi')).toMatchObject({
			ok: false,
			message: 'Mật khẩu phải có ít nhất 10 ký tự.'
		});
		expect(checkNewUser('lan', 'en')).toMatchObject({ ok: false, message: expect.stringContaining('must be JSON') });
	});
});
