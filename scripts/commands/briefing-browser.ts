/**
 * The Chromium of `chiso briefing`, which the entry (scripts/chiso.ts)
 * launches before it loads the commands: the browser's start, about a
 * second, then runs beside the loading of DuckDB and the rest of the command
 * line instead of after it.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/lib/server/briefing-pdf.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';

let early: Promise<Browser> | null = null;

/**
 * Starts Chromium now: Playwright is loaded (synchronously, in
 * `launchChromium`) and the launch under way when this returns, before the
 * commands load, so that their loading does not hold the launch back.
 */
export function launchEarly(locale: Locale): void {
	early = launchChromium(locale);
	early.catch(() => {});
}

/** The briefing's Chromium: the one `launchEarly` started, or a new launch. */
export function briefingBrowser(locale: Locale): Promise<Browser> {
	const browser = early ?? launchChromium(locale);
	early = null;
	return browser;
}
