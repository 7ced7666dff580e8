import { expect, test } from '@playwright/test';

test('the first page shows Kon Tum’s PCI ranks 2015–2022 with their sources, in Vietnamese', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thứ hạng của Kon Tum qua các năm');
	const pci = page.locator('table[data-index="PCI"] tbody tr');
	await expect(pci).toHaveCount(8);
	const ranks = await pci.locator('td:nth-child(2)').allInnerTexts();
	expect(ranks.map((r) => r.trim())).toEqual(['52/63', '56/63', '61/63', '59/63', '56/63', '56/63', '61/63', '37/63']);
	// Every figure links to where it was published.
	const sources = await pci.locator('td:nth-child(4) a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
	expect(sources).toHaveLength(8);
	expect(sources[7]).toBe('http://vpubnd.kontum.gov.vn/NewsDetail.aspx?id=5180');
	// vi-VN number format: decimal comma.
	await expect(pci.nth(7).locator('td:nth-child(3)')).toHaveText('64,89');
});

test('PAPI ranks are marked as computed from scores, and English is a switch away', async ({ page }) => {
	await page.goto('/?lang=en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ranks of Kon Tum by year');
	const papi2019 = page.locator('table[data-index="PAPI"] tbody tr', { hasText: '2019' });
	await expect(papi2019.locator('td:nth-child(2)')).toContainText('53/63');
	await expect(papi2019.locator('td:nth-child(2)')).toContainText('computed from scores');
});
