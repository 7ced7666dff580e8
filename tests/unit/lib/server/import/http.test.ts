import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NDJSON, progressStream, readJson, requireAnalystPage } from '../../../../../src/lib/server/import/http.ts';

const lines = async (response: Response) => (await response.text()).trim().split('\n').map((l) => JSON.parse(l));

describe('progressStream', () => {
	it('streams each progress report as a line, then the result', async () => {
		const response = progressStream(async (onProgress) => {
			onProgress({ phase: 'read', done: 0, total: 1 });
			onProgress({ phase: 'stage', done: 10_000, total: 20_000 });
			return { ok: true };
		});
		expect(response.headers.get('content-type')).toBe(NDJSON);
		expect(await lines(response)).toEqual([
			{ progress: { phase: 'read', done: 0, total: 1 } },
			{ progress: { phase: 'stage', done: 10_000, total: 20_000 } },
			{ result: { ok: true } }
		]);
	});

	it('ends with an error line when the work fails after the answer has begun', async () => {
		const quiet = console.error;
		console.error = () => {};
		try {
			const response = progressStream(async () => {
				throw new Error('disk full');
			});
			expect(await lines(response)).toEqual([{ error: 'disk full' }]);
		} finally {
			console.error = quiet;
		}
	});
});

describe('readJson', () => {
	const schema = z.object({ year: z.number().int() }).strict();
	const post = (body: string) => new Request('http://x/', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

	it('returns the parsed body', async () => {
		expect(await readJson(post('{"year":2019}'), schema)).toEqual({ year: 2019 });
	});

	it('answers 400 naming the field, and for a body that is not JSON', async () => {
		await expect(readJson(post('{"year":"2019"}'), schema)).rejects.toMatchObject({ status: 400, body: { message: expect.stringContaining('year:') } });
		await expect(readJson(post('not json'), schema)).rejects.toMatchObject({ status: 400 });
	});
});

describe('requireAnalystPage', () => {
	const url = new URL('http://x/import/history?lang=en');
	const user = (role: 'viewer' | 'analyst' | 'admin') => ({ name: 'lan', role });

	it('sends a signed-out visitor to sign-in and back', () => {
		expect(() => requireAnalystPage({ locals: { user: null, locale: 'en' }, url })).toThrow(
			expect.objectContaining({ status: 303, location: '/signin?next=%2Fimport%2Fhistory%3Flang%3Den&lang=en' })
		);
	});

	it('refuses a viewer with 403 and lets analysts and admins in', () => {
		expect(() => requireAnalystPage({ locals: { user: user('viewer'), locale: 'vi' }, url })).toThrow(expect.objectContaining({ status: 403 }));
		expect(requireAnalystPage({ locals: { user: user('analyst'), locale: 'vi' }, url }).role).toBe('analyst');
		expect(requireAnalystPage({ locals: { user: user('admin'), locale: 'vi' }, url }).role).toBe('admin');
	});
});
