import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../../src/lib/server/auth/passwords.ts';

describe('passwords', () => {
	it('stores scrypt with its parameters and a 16-byte salt, never the password', async () => {
		const stored = await hashPassword('correct horse battery');
		const [scheme, N, r, p, salt, hash] = stored.split('$');
		expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '3']);
		expect(Buffer.from(salt, 'base64')).toHaveLength(16);
		expect(Buffer.from(hash, 'base64')).toHaveLength(64);
		expect(stored).not.toContain('correct horse');
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('correct horse battery');
		expect(await verifyPassword('correct horse battery', stored)).toBe(true);
		expect(await verifyPassword('correct horse batterx', stored)).toBe(false);
		expect(await verifyPassword('', stored)).toBe(false);
	});

	it('salts: the same password hashes differently twice', async () => {
		expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
	});

	it('matches the scrypt of node:crypto with the stored salt and parameters', async () => {
		const stored = await hashPassword('mật khẩu dài');
		const [, , , , salt, hash] = stored.split('$');
		const key = crypto.scryptSync('mật khẩu dài', Buffer.from(salt, 'base64'), 64, { N: 32768, r: 8, p: 3, maxmem: 64 * 1024 * 1024 });
		expect(key.toString('base64')).toBe(hash);
	});

	it('treats a decomposed (NFD) password like the composed one typed on another keyboard', async () => {
		const stored = await hashPassword('Kon Tum tiến lên'.normalize('NFC'));
		expect(await verifyPassword('Kon Tum tiến lên'.normalize('NFD'), stored)).toBe(true);
	});

	it('never matches a malformed stored hash', async () => {
		expect(await verifyPassword('x', 'plain-text')).toBe(false);
		expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
		expect(await verifyPassword('x', 'scrypt$1000$8$1$AAAA$AAAA')).toBe(false);
	});
});
