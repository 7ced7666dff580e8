/**
 * Whole answers of the dashboard's read pages (the overview, an index page,
 * its what-if, the briefing, and the `__data.json` of each for in-app
 * navigation), kept while the database is unchanged. Leaders open the same
 * few pages again and again: after the first, a page costs a look-up instead
 * of a render (issue 16: `/pci` took 12 ms of server time for one reader and
 * 189 ms each for twenty at once).
 *
 * An answer is kept under the same rule as the memos (db.ts): only when its
 * snapshot began and ended with no commit in between, and it is served only
 * while no commit has begun since, so a reader never gets a page older than
 * the state the database shows. Its key is everything the page is made
 * from besides the database: the whole URL, the signed-in user and role,
 * and the calendar day (the briefing prints the day, an index page without
 * a year shows the current one). Each served copy gets a new CSP nonce, so no
 * two answers share one.
 */
import { randomBytes } from 'node:crypto';
import { isCurrentGeneration, keepableGeneration } from './db';

/** The routes whose GET answers are kept: pages that only read figures. Sign-in, import and admin pages are not. */
const KEPT_ROUTES = new Set(['/', '/[index]', '/[index]/what-if', '/briefing']);

/** What can be kept: a page, or its data for in-app navigation. */
const KEPT_TYPES = /^(text\/html|application\/json)\s*(;|$)/i;

interface KeptAnswer {
	status: number;
	headers: [string, string][];
	/** The body in UTF-8, cut where its CSP nonce was: joined again with a new one when served. */
	parts: Buffer[];
	/** The nonce the answer was rendered with, or null (a data answer has none). */
	nonce: string | null;
	bytes: number;
	generation: number;
}

const answers = new Map<string, KeptAnswer>();
let bytesKept = 0;

/**
 * How many bytes of answers are kept at most, from `CHISO_ANSWER_CACHE_MB`
 * (default 32; 0 keeps none): every page of a province is 60-odd units × a
 * few pages × two languages of 150–250 KB, so the most read ones fit, and
 * 10,000 communes read in turn cannot grow the server's memory past it.
 */
export function answerCacheBytes(env: NodeJS.ProcessEnv = process.env): number {
	const text = env.CHISO_ANSWER_CACHE_MB?.trim();
	if (!text) return 32 * 1024 * 1024;
	if (!/^\d{1,5}$/.test(text)) throw new Error(`CHISO_ANSWER_CACHE_MB must be a whole number of megabytes, not "${text}"`);
	return Number(text) * 1024 * 1024;
}
const BUDGET = answerCacheBytes();

/** Whether GET answers of the route `routeId` (SvelteKit's `event.route.id`) are kept. */
export function isKeptRoute(routeId: string | null): boolean {
	return routeId !== null && KEPT_ROUTES.has(routeId);
}

const vietnamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * The key of a request's answer: its whole URL (path, `__data.json`, every
 * parameter), who asks (a page shows the user's name and what their role
 * may do), and the day, both in Vietnam (the briefing's printing date) and
 * on the server's clock (an index page's default year).
 */
export function answerKey(url: string, user: { name: string; role: string } | null, now = new Date()): string {
	return JSON.stringify([url, user?.name ?? null, user?.role ?? null, vietnamDay.format(now), now.getFullYear()]);
}

/**
 * The kept answer for `key` as a new Response with a nonce of its own, or
 * null when none is kept or a commit has begun since it was rendered.
 */
export function keptAnswer(key: string): Response | null {
	const kept = answers.get(key);
	if (!kept) return null;
	forget(key);
	if (!isCurrentGeneration(kept.generation)) return null;
	// Re-inserted: the Map's order is the order of use, oldest first.
	answers.set(key, kept);
	bytesKept += kept.bytes;
	const headers = new Headers(kept.headers);
	const nonce = randomBytes(16).toString('base64');
	if (kept.nonce !== null) headers.set('content-security-policy', headers.get('content-security-policy')!.replaceAll(`'nonce-${kept.nonce}'`, `'nonce-${nonce}'`));
	const marker = Buffer.from(`nonce="${nonce}"`);
	// A data answer has no nonce: one part, nothing joined.
	const body = Buffer.concat(kept.parts.flatMap((part, i) => (i === 0 ? [part] : [marker, part])));
	return new Response(body, { status: kept.status, headers });
}

/**
 * Keeps `response` under `key` when it may be kept, and returns it to be
 * sent (a copy, once its body has been read). Call it inside the page's
 * snapshot (`readSnapshot`), as its last step: that snapshot says which
 * state of the database the answer shows. Kept: a 200 page or data answer,
 * setting no cookie, from a snapshot no commit came into.
 */
export async function keepAnswer(key: string, response: Response): Promise<Response> {
	const generation = keepableGeneration();
	if (generation === null || BUDGET === 0 || !keepable(response)) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const copy = new Response(body, { status: response.status, headers: response.headers });
	const csp = response.headers.get('content-security-policy') ?? '';
	const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
	// An answer bigger than an eighth of the budget would push out many others.
	if (body.length > BUDGET / 8) return copy;
	// Each copy's body differs by its nonce: no etag of the first, and the length is the copy's own.
	const headers = [...response.headers].filter(([name]) => name !== 'etag' && name !== 'content-length');
	forget(key);
	answers.set(key, { status: response.status, headers, parts: nonce === null ? [body] : split(body, `nonce="${nonce}"`), nonce, bytes: body.length, generation });
	bytesKept += body.length;
	while (bytesKept > BUDGET) forget(answers.keys().next().value!);
	return copy;
}

/** Drops every kept answer (tests). */
export function forgetAnswers(): void {
	answers.clear();
	bytesKept = 0;
}

function keepable(response: Response): boolean {
	return response.status === 200 && !response.headers.has('set-cookie') && KEPT_TYPES.test(response.headers.get('content-type') ?? '');
}

function forget(key: string): void {
	const kept = answers.get(key);
	if (!kept) return;
	answers.delete(key);
	bytesKept -= kept.bytes;
}

/** `body` cut at every occurrence of `marker`, the markers left out. */
function split(body: Buffer, marker: string): Buffer[] {
	const parts: Buffer[] = [];
	let from = 0;
	for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, from)) {
		parts.push(body.subarray(from, at));
		from = at + Buffer.byteLength(marker);
	}
	parts.push(body.subarray(from));
	return parts;
}
