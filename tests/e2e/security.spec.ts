/**
 * Security headers (issue 17, item 3): every page answer carries SvelteKit's
 * Content-Security-Policy (its own inline script by nonce, no 'unsafe-inline'
 * script, no framing), nosniff, Referrer-Policy and Permissions-Policy; and with
 * that policy on, the main pages, the chart downloads, the import page and the
 * briefing run without a single CSP violation. The server is signed into as an
 * analyst, so /import is the page itself rather than the sign-in redirect.
 */
import { expect, test, type Page } from '@playwright/test';
import { addUsers, signIn, startServer, type TestServer } from '../helpers/server.ts';

const PASSWORD = 'mật khẩu an toàn';
let server: TestServer;
let cookie: string;

test.beforeAll(async () => {
	server = await startServer({ prepare: (db) => addUsers(db, { lan: ['analyst', PASSWORD] }) });
	cookie = await signIn(server.url, 'lan', PASSWORD);
});
test.afterAll(() => server.stop());

const PAGES = ['/', '/pci', '/import', '/briefing?unit=Kon%20Tum&year=2023'];

test('/, /pci, /import and /briefing carry the CSP, nosniff, Referrer-Policy and Permissions-Policy, and no HSTS on http', async () => {
	for (const page of PAGES) {
		const response = await fetch(`${server.url}${page}`, { headers: { cookie }, redirect: 'manual' });
		expect(response.status, page).toBe(200);
		const csp = response.headers.get('content-security-policy') ?? '';
		const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
		expect(scriptSrc, page).toMatch(/^'self' 'nonce-[\w+/=]+'$/);
		expect(csp, page).toContain("frame-ancestors 'none'");
		expect(csp, page).toContain("object-src 'none'");
		expect(response.headers.get('x-content-type-options'), page).toBe('nosniff');
		expect(response.headers.get('referrer-policy'), page).toBe('same-origin');
		expect(response.headers.get('permissions-policy'), page).toContain('camera=()');
		expect(response.headers.get('strict-transport-security'), page).toBeNull();
		// The nonce in the header is the one on the page's inline start-up script.
		const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
		expect(await response.text(), page).toContain(`<script nonce="${nonce}">`);
	}
});

test('static files are sent with nosniff', async () => {
	const response = await fetch(`${server.url}/favicon.svg`);
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
});

/** Records CSP violations (DOM events and console reports) of `page` from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	const seen: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
	});
	await page.addInitScript(() => {
		const found: string[] = [];
		(window as unknown as { cspViolations: string[] }).cspViolations = found;
		document.addEventListener('securitypolicyviolation', (e) => found.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	return async () => [...seen, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
}

test('the main pages, the chart downloads, the import page and the briefing run with no CSP violation', async ({ page, context }) => {
	const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
	await context.addCookies([{ name, value, url: server.url }]);
	const violations = await watchViolations(page);

	for (const path of ['/', '/par-index', '/papi', '/import', '/import/history']) {
		await page.goto(`${server.url}${path}`);
		await expect(page.locator('main')).toBeVisible();
		expect(await violations(), path).toEqual([]);
	}

	await page.goto(`${server.url}/pci`);
	for (const kind of ['svg', 'png', 'csv']) {
		const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`figure#trajectory button[data-download="${kind}"]`).click()]);
		expect(file.suggestedFilename(), kind).toMatch(new RegExp(`\\.${kind}$`));
	}
	expect(await violations(), 'downloads').toEqual([]);

	await page.goto(`${server.url}/briefing?unit=Kon%20Tum&year=2023`);
	await expect(page.locator('.briefing[data-ready="true"]')).toBeAttached();
	expect(await violations(), 'briefing').toEqual([]);
	const pdf = await page.request.get(`${server.url}/briefing/pdf?unit=Kon%20Tum&year=2023`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
});

test.describe('behind an HTTPS proxy (ORIGIN=https://…), private', () => {
	const ORIGIN = 'https://chiso.kontum.example';
	let httpsServer: TestServer;
	test.beforeAll(async () => {
		httpsServer = await startServer({ prepare: (db) => addUsers(db, { lan: ['analyst', PASSWORD] }), env: { ORIGIN, CHISO_PRIVATE: '1' } });
	});
	test.afterAll(() => httpsServer.stop());

	test('pages carry HSTS, the session cookie is __Host- and Secure, and the server still prints the PDF for the signed-in user', async () => {
		const signin = await fetch(`${httpsServer.url}/signin`, {
			method: 'POST',
			body: new URLSearchParams({ name: 'lan', password: PASSWORD }),
			redirect: 'manual',
			// As a browser sends it: `Accept: */*` would get SvelteKit's JSON answer for enhanced forms.
			headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(signin.status).toBe(303);
		const setCookie = signin.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/^__Host-chiso_session=[^;]+; /);
		expect(setCookie).toContain('Path=/');
		expect(setCookie).toContain('Secure');
		expect(setCookie).not.toMatch(/Domain=/i);
		const sessionCookie = /^__Host-chiso_session=[^;]+/.exec(setCookie)![0];

		const page = await fetch(`${httpsServer.url}/pci`, { headers: { cookie: sessionCookie } });
		expect(page.status).toBe(200);
		expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000');
		// The bare name is not a session there.
		expect((await fetch(`${httpsServer.url}/pci`, { headers: { cookie: sessionCookie.replace('__Host-', '') }, redirect: 'manual' })).status).toBe(303);

		// The kept Chromium prints over loopback http, carrying the requester's __Host- cookie.
		const pdf = await fetch(`${httpsServer.url}/briefing/pdf?unit=Kon%20Tum&year=2023`, { headers: { cookie: sessionCookie } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
	});
});
