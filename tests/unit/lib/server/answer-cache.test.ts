/**
 * Kept answers (issue 16): a page read again with the database unchanged is
 * the same page, with a nonce of its own; a commit, a snapshot that a commit
 * came into, another user or another day each get a fresh render.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerCacheBytes, answerKey, forgetAnswers, isKeptRoute, keepAnswer, keptAnswer } from '../../../../src/lib/server/answer-cache.ts';
import { closeDatabase, readSnapshot } from '../../../../src/lib/server/db.ts';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { createProbe, readProbe, writeProbe } from '../../../helpers/probe.ts';


/** A page as SvelteKit answers it: the nonce in the CSP header and on its start-up script. */
function page(text: string, nonce = 'AAAAAAAAAAAAAAAAAAAAAA==', extra: Record<string, string> = {}): Response {
	return new Response(`<html><script nonce="${nonce}">start()</script><p>${text}</p><script nonce="${nonce}">more()</script></html>`, {
		headers: { 'content-type': 'text/html', 'content-security-policy': `script-src 'self' 'nonce-${nonce}'`, etag: '"abc"', ...extra }
	});
}

/** What a route would do: answer from the kept ones, else render the probe's value in a snapshot and keep it. */
let renders = 0;
const answer = async (key: string, make = (v: number) => page(`value ${v}`)) =>
	keptAnswer(key) ??
	(await readSnapshot(async () => {
		renders++;
		return keepAnswer(key, make(await readProbe()));
	}));

beforeAll(async () => {
	useTempDatabase('answers');
	await createProbe();
});
beforeEach(() => {
	forgetAnswers();
	renders = 0;
});
afterAll(closeDatabase);

describe('keptAnswer and keepAnswer', () => {
	it('answers again without rendering, with a new nonce in the header and on every script, and no etag', async () => {
		const first = await answer('k');
		const firstText = await first.text();
		const second = await answer('k');
		const secondText = await second.text();
		expect(renders).toBe(1);
		const nonce = /'nonce-([^']+)'/.exec(second.headers.get('content-security-policy')!)![1];
		expect(nonce).not.toBe('AAAAAAAAAAAAAAAAAAAAAA==');
		expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
		expect(secondText).toBe(firstText.replaceAll('AAAAAAAAAAAAAAAAAAAAAA==', nonce));
		expect(secondText.match(new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}"`, 'g'))).toHaveLength(2);
		expect(second.headers.get('etag')).toBeNull();
		expect(second.headers.get('content-type')).toBe('text/html');
		const third = await answer('k');
		expect(third.headers.get('content-security-policy')).not.toBe(second.headers.get('content-security-policy'));
	});

	it('renders again once a writer has committed, and shows the new state', async () => {
		await writeProbe(2);
		expect(await (await answer('k')).text()).toContain('value 2');
		await writeProbe(3);
		expect(await (await answer('k')).text()).toContain('value 3');
		expect(renders).toBe(2);
	});

	it('keeps nothing rendered from a snapshot that a commit came into', async () => {
		await writeProbe(4);
		await readSnapshot(async () => {
			const v = await readProbe();
			// Another connection commits while this page renders: its answer shows 4, the database 5.
			await writeProbe(5);
			return keepAnswer('k', page(`value ${v}`));
		});
		expect(await (await answer('k')).text()).toContain('value 5');
		expect(renders).toBe(1);
	});

	it('keeps only 200 pages and data answers that set no cookie', async () => {
		const kept = async (response: Response) => {
			forgetAnswers();
			await readSnapshot(() => keepAnswer('x', response));
			return keptAnswer('x') !== null;
		};
		expect(await kept(page('ok'))).toBe(true);
		expect(await kept(new Response('{"a":1}', { headers: { 'content-type': 'application/json' } }))).toBe(true);
		expect(await kept(new Response('missing', { status: 404, headers: { 'content-type': 'text/html' } }))).toBe(false);
		expect(await kept(page('signed in', undefined, { 'set-cookie': 'session=1' }))).toBe(false);
		expect(await kept(new Response('a,b\n1,2', { headers: { 'content-type': 'text/csv' } }))).toBe(false);
	});

	it('keeps nothing outside a snapshot (no state to tie it to)', async () => {
		const response = await keepAnswer('k', page('loose'));
		expect(await response.text()).toContain('loose');
		expect(keptAnswer('k')).toBeNull();
	});

	it('serves a data answer (no nonce) as it was', async () => {
		await readSnapshot(() => keepAnswer('d', new Response('{"type":"data"}', { headers: { 'content-type': 'application/json' } })));
		expect(await keptAnswer('d')!.text()).toBe('{"type":"data"}');
	});
});

describe('answerKey', () => {
	const noon = new Date('2026-11-28T05:00:00Z');
	it('differs by URL, user, role and day, and not otherwise', () => {
		const key = answerKey('http://x/pci?unit=Kon%20Tum', null, noon);
		expect(answerKey('http://x/pci?unit=Kon%20Tum', null, new Date('2026-11-28T06:00:00Z'))).toBe(key);
		expect(answerKey('http://x/pci?unit=Kon%20Tum&lang=en', null, noon)).not.toBe(key);
		expect(answerKey('http://x/pci/__data.json?unit=Kon%20Tum', null, noon)).not.toBe(key);
		expect(answerKey('http://x/pci?unit=Kon%20Tum', { name: 'lan', role: 'viewer' }, noon)).not.toBe(key);
		expect(answerKey('http://x/pci?unit=Kon%20Tum', { name: 'lan', role: 'admin' }, noon)).not.toBe(answerKey('http://x/pci?unit=Kon%20Tum', { name: 'lan', role: 'viewer' }, noon));
	});
	it("changes at midnight in Vietnam (UTC+7), when the briefing's printing date does", () => {
		// 16:59 UTC is 23:59 in Hà Nội; 17:00 UTC is 00:00 the next day there.
		expect(answerKey('u', null, new Date('2026-11-28T16:59:00Z'))).not.toBe(answerKey('u', null, new Date('2026-11-28T17:00:00Z')));
		expect(answerKey('u', null, new Date('2026-11-28T16:00:00Z'))).toBe(answerKey('u', null, new Date('2026-11-28T16:59:00Z')));
	});
});

describe('isKeptRoute and answerCacheBytes', () => {
	it('keeps the dashboard pages only', () => {
		for (const id of ['/', '/[index]', '/[index]/what-if', '/briefing']) expect(isKeptRoute(id)).toBe(true);
		for (const id of ['/signin', '/import', '/admin/users', '/plans', '/api/targets', null]) expect(isKeptRoute(id)).toBe(false);
	});
	it('reads CHISO_ANSWER_CACHE_MB, 32 MB by default, and refuses anything but a whole number', () => {
		expect(answerCacheBytes({})).toBe(32 * 1024 * 1024);
		expect(answerCacheBytes({ CHISO_ANSWER_CACHE_MB: '0' })).toBe(0);
		expect(answerCacheBytes({ CHISO_ANSWER_CACHE_MB: ' 8 ' })).toBe(8 * 1024 * 1024);
		expect(() => answerCacheBytes({ CHISO_ANSWER_CACHE_MB: '1.5' })).toThrow('CHISO_ANSWER_CACHE_MB must be a whole number of megabytes, not "1.5"');
	});
});

describe('the budget', () => {
	it('drops the least recently used answers once the kept bytes pass it', async () => {
		// The default budget is 32 MB and one answer may take an eighth of it: 4 MB answers, 8 fit.
		const big = (label: string) => new Response(label.padEnd(4 * 1024 * 1024 - 1000, '.'), { headers: { 'content-type': 'text/html' } });
		for (let i = 0; i < 8; i++) await readSnapshot(() => keepAnswer(`p${i}`, big(`p${i}`)));
		expect(keptAnswer('p0')).not.toBeNull(); // p0 is now the most recently used
		await readSnapshot(() => keepAnswer('p8', big('p8')));
		expect(keptAnswer('p1')).toBeNull();
		for (const key of ['p0', 'p2', 'p7', 'p8']) expect(keptAnswer(key)).not.toBeNull();
	});
});
