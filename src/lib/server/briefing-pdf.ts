/**
 * The briefing as a PDF: headless Chromium opens the `/briefing` page of a
 * running chiso server and prints it. The page carries its own print
 * stylesheet (A4, margins, running footers with page x/y), so the PDF is
 * exactly what the browser's own "Print" gives. Called by the
 * `/briefing/pdf` endpoint and the `chiso briefing` command.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { t, type Locale } from '../i18n/index.ts';
import '../i18n/areas/briefing.ts';

/**
 * Where this server answers itself: the loopback address of the port it
 * listens on (adapter-node's HOST and PORT; a wildcard HOST is reached on
 * 127.0.0.1). The request's own origin will not do: behind no proxy,
 * adapter-node reports it as https. Without PORT (vite dev), `fallback`.
 */
export function selfOrigin(fallback: string): string {
	const port = process.env.PORT;
	if (!port) return fallback;
	const host = process.env.HOST;
	const loopback = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	return `http://${loopback}:${port}`;
}

/** A session cookie as the requester's browser sent it (its name depends on http or https: `sessionCookieName`). */
export type SessionCookie = { name: string; value: string };

/** The PDF cannot be made (no Chromium, page error); the message is in the interface language. */
export class PdfExportError extends Error {}

/**
 * A limit on how many calls of `fn`-like work run at once: the returned
 * function runs its task when fewer than `max` are running, else after one ends.
 */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
	let running = 0;
	const waiting: (() => void)[] = [];
	return async (task) => {
		while (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
		running++;
		try {
			return await task();
		} finally {
			running--;
			waiting.shift()?.();
		}
	};
}

/** How many PDFs a server prints at once (each is a Chromium tab of about 100 MB); the others wait their turn. */
export const MAX_CONCURRENT_PDFS = 2;
const serverTurn = concurrencyLimit(MAX_CONCURRENT_PDFS);
let kept: Promise<Browser> | null = null;

/** Launches Debian's Chromium, or says in the interface language where it looked and how to install it. */
export async function launchChromium(locale: Locale): Promise<Browser> {
	const executablePath = chromiumPath();
	if (!fs.existsSync(executablePath)) throw new PdfExportError(t(locale, 'briefing.chromiumMissing', { path: executablePath }));
	return playwright().chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * Playwright, loaded for the first PDF rather than at start: a process that
 * never prints saves loading it (issue 16). Through `require`, not `import`:
 * importing a CommonJS package from an ES module makes Node scan its 12 MB
 * bundle for export names first, which cost 220 ms of CPU of the 650 ms that
 * loading took (`chiso briefing` is CPU-bound on two cores).
 */
function playwright(): typeof import('playwright-core') {
	return createRequire(import.meta.url)('playwright-core');
}

/** The server's Chromium: launched on first use and kept (a launch costs about a second), again if it went away. */
function keptBrowser(locale: Locale): Promise<Browser> {
	if (!kept) {
		const launching = launchChromium(locale);
		kept = launching;
		launching.then(
			(browser) => browser.on('disconnected', () => (kept = kept === launching ? null : kept)),
			() => (kept = kept === launching ? null : kept)
		);
	}
	return kept;
}

/**
 * The "Tải PDF" endpoint's print: the briefing page at `url` as PDF bytes,
 * with the server's kept Chromium, at most MAX_CONCURRENT_PDFS at once.
 * `session` is the requester's session cookie, passed on so that a private
 * server (CHISO_PRIVATE=1) shows Chromium the page it shows the requester.
 */
export function renderBriefingPdf(url: string, locale: Locale, session?: SessionCookie): Promise<Buffer> {
	return serverTurn(async () => printBriefing(await keptBrowser(locale), url, locale, session));
}

/**
 * Prints the briefing page at `url` to PDF bytes in a tab of `browser`, once
 * the page says its charts are fitted to their sheets (`data-ready`).
 */
export async function printBriefing(browser: Browser, url: string, locale: Locale, session?: SessionCookie): Promise<Buffer> {
	return printInTab(await openTab(browser, session), url, locale);
}

/**
 * A new tab of `browser` in a context of its own, for `printInTab`: the
 * command line opens it while its server starts (a tab costs 0.1–0.2 s).
 */
export async function openTab(browser: Browser, session?: SessionCookie): Promise<Page> {
	// The cookie goes as a request header, not into Chromium's cookie jar: behind HTTPS its name is
	// `__Host-…`, which Chromium refuses to store for the loopback http address printed from.
	const context = await browser.newContext(session ? { extraHTTPHeaders: { cookie: `${session.name}=${session.value}` } } : {});
	try {
		return await context.newPage();
	} catch (error) {
		await context.close();
		throw error;
	}
}

/**
 * Prints the briefing page at `url` to PDF bytes in `tab` (from `openTab`),
 * once the page says its charts are fitted to their sheets (`data-ready`);
 * closes the tab's context afterwards, printed or not.
 */
export async function printInTab(tab: Page, url: string, locale: Locale): Promise<Buffer> {
	try {
		const response = await tab.goto(url, { waitUntil: 'load' });
		if (!response?.ok()) throw new PdfExportError(t(locale, 'briefing.pageFailed', { url: tab.url(), status: response?.status() ?? '—' }));
		// A private server's redirect to its sign-in page answers 200 too: it is the briefing only if it says so.
		if ((await tab.locator('.briefing').count()) === 0) throw new PdfExportError(t(locale, 'briefing.notBriefing', { url: tab.url() }));
		await tab.waitForSelector('.briefing[data-ready="true"]', { state: 'attached' });
		// preferCSSPageSize: the page's own `@page { size: A4 }` decides, as in the browser's print dialog.
		return await tab.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
	} finally {
		await tab.context().close();
	}
}
