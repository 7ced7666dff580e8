/**
 * Interface messages come in areas, each sent only to the pages that import it
 * (src/lib/i18n/index.ts). A page that used a message of an area it did not
 * import would show the message's key ("whatif.link") instead of its words,
 * most likely after a change made in the browser: so each page is opened, then
 * switched to English without a reload, and read for any message key.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const keys = fs
	.readdirSync('src/lib/i18n/vi')
	.flatMap((file) => [...fs.readFileSync(`src/lib/i18n/vi/${file}`, 'utf8').matchAll(/^\t'([^']+\.[^']+)':/gm)].map((m) => m[1]));

/** The message keys a person can read on the page: its text, and the names and hints of its elements. */
async function keysShown(page: Page): Promise<string[]> {
	const words = await page.evaluate(() =>
		[document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((e) => ['aria-label', 'title', 'placeholder'].map((name) => e.getAttribute(name) ?? ''))].join('\n')
	);
	return keys.filter((key) => new RegExp(`(^|[^\\w.])${key.replace(/\./g, '\\.')}($|[^\\w.])`).test(words));
}

for (const path of ['/', '/pci?unit=Kon%20Tum&year=2019', '/papi?map=status', '/pci/what-if?unit=Kon%20Tum&year=2019', '/briefing', '/import', '/import/history', '/plans', '/signin']) {
	test(`${path} shows no message key, in Vietnamese and after switching to English in the page`, async ({ page }) => {
		await page.goto(path);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		expect(await keysShown(page)).toEqual([]);
		await page.getByRole('link', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		expect(await keysShown(page)).toEqual([]);
	});
}
