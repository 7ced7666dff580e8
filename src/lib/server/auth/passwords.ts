/**
 * Password hashing with scrypt from node:crypto. The stored text carries its
 * own parameters and salt (`scrypt$N$r$p$salt$hash`, base64), so raising the
 * cost later leaves old hashes verifiable.
 */
import crypto from 'node:crypto';

// N = 2^15, r = 8: 32 MiB and about a quarter second a hash on our test machine; at or above OWASP's
// scrypt minimum (Password Storage Cheat Sheet: N = 2^17, r = 8, p = 1 or equivalents such as N = 2^15, r = 8, p = 3).
const COST = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, cost: typeof COST): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		crypto.scrypt(
			password.normalize('NFC'),
			salt,
			KEY_LENGTH,
			// Node's default maxmem (32 MiB) is exactly 128·N·r, which it refuses; allow twice that.
			{ ...cost, maxmem: 256 * cost.N * cost.r },
			(error, key) => (error ? reject(error) : resolve(key))
		)
	);
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
	const salt = crypto.randomBytes(SALT_LENGTH);
	const key = await scrypt(password, salt, COST);
	return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches `stored`; compares in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, N, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const cost = { N: Number(N), r: Number(r), p: Number(p) };
	// Parameters scrypt refuses (not a power of two, …) come from a damaged row: no match, not a crash.
	const key = await scrypt(password, Buffer.from(salt, 'base64'), cost).catch(() => null);
	return key !== null && key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

let decoy: Promise<string> | null = null;

/**
 * Does the work of one verification against a throw-away hash, so that a
 * sign-in with an unknown name takes as long as one with a wrong password.
 */
export async function verifyDecoy(password: string): Promise<false> {
	decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
	await verifyPassword(password, await decoy);
	return false;
}
