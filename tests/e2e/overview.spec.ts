import { expect, test } from '@playwright/test';

test('the overview shows Kon Tum’s PAR INDEX 2023: rank 43/63, target 50, met, in Vietnamese', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kon Tum: thứ hạng và mục tiêu');
	const par = page.locator('article[data-index="PAR_INDEX"]');
	await expect(par.getByText('Thứ hạng 2023')).toBeVisible();
	await expect(par.getByTestId('latest-rank')).toHaveText('43/63');
	// 55 in 2022 → 43 in 2023: up 12 on the previous year, which is also the baseline.
	await expect(par.getByText('▲ tăng 12 bậc')).toHaveCount(2);
	const target = par.getByTestId('target');
	await expect(target).toContainText('Mục tiêu 2023');
	await expect(target.locator('strong')).toHaveText('50/63');
	await expect(target.locator('[data-status="met"]')).toHaveText('đạt');
	// The next target: 43 − 1 = 42 (of 63) for 2024, which has no figure yet.
	await expect(par.getByText('Mục tiêu 2024: 42/63 · chưa có dữ liệu')).toBeVisible();
	await expect(par.getByRole('img', { name: /Thứ hạng Chỉ số CCHC của Kon Tum qua các năm: 2021: 59\/63, 2022: 55\/63, 2023: 43\/63/ })).toBeVisible();
});

test('the target table runs 2022 → 2030 with the path continuing through missing years', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Bảng mục tiêu 2022–2030' })).toBeVisible();
	const rows = page.locator('.target-table tbody tr');
	await expect(rows).toHaveCount(9);
	const par = (year: number) => rows.filter({ has: page.locator(`th:text-is("${year}")`) }).locator('td[data-index="PAR_INDEX"]');
	await expect(par(2022)).toContainText('55/63');
	await expect(par(2022)).toContainText('năm gốc');
	await expect(par(2023)).toContainText('Hạng mục tiêu: 50/63');
	await expect(par(2023)).toContainText('đạt');
	// 2024 has no rank: 2025's target steps on from 2024's target, 42 − 1 = 41 among 63, which among
	// the 34 units of 2025 is floor(1 + 40·33/62) = 22; then one place a year to 17 in 2030.
	await expect(par(2025)).toContainText('Hạng mục tiêu: 22/34');
	await expect(par(2030)).toContainText('Hạng mục tiêu: 17/34');
	// From 2025 Kon Tum is part of Quảng Ngãi: judged, but marked not comparable.
	await expect(par(2025)).toContainText('không so sánh được');
	await expect(page.getByText('≠ không so sánh được (2025–2030): đơn vị đã sáp nhập hoặc đổi ranh giới')).toBeVisible();
});

test('the merger and the missing years are said plainly, with a link to import', async ({ page }) => {
	await page.goto('/');
	const merger = page.getByRole('complementary', { name: 'Sáp nhập tỉnh năm 2025' });
	await expect(merger).toContainText('Từ ngày 1/7/2025, Kon Tum là một phần của Quảng Ngãi; từ năm 2025 bảng xếp hạng có 34 đơn vị.');
	const missing = page.getByRole('complementary', { name: 'Số liệu còn thiếu' });
	// PAPI 2022 (score above Gia Lai's 39.67) and 2024 (lowest-score group) are known by a bound: not missing.
	await expect(missing).toContainText('Chưa có số liệu PAPI của Kon Tum cho các năm: 2023.');
	await expect(missing.getByRole('link', { name: 'Nhập số liệu →' })).toHaveAttribute('href', '/import');
});

test('each card keeps Kon Tum’s ranks by year with their sources', async ({ page }) => {
	await page.goto('/');
	const pci = page.locator('article[data-index="PCI"]');
	await pci.locator('summary').click();
	const rows = pci.locator('table[data-index="PCI"] tbody tr');
	await expect(rows).toHaveCount(9);
	const ranks = await rows.locator('td:nth-child(2)').allInnerTexts();
	// 2023 is known only by a bound, in words, never as a rank (derived: Kon Tum is not among the Tây Nguyên names of the top 30).
	expect(ranks.map((r) => r.trim())).toEqual(['52/63', '56/63', '61/63', '59/63', '56/63', '56/63', '61/63', '37/63', 'ngoài top 30 (hạng 31–63) (suy ra)']);
	const sources = await rows.locator('td:nth-child(4) a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
	expect(sources).toHaveLength(9);
	expect(sources[7]).toBe('http://vpubnd.kontum.gov.vn/NewsDetail.aspx?id=5180');
	expect(sources[8]).toContain('https://baogialai.com.vn/gia-lai-khong-nam-trong-top-30');
	// vi-VN number format: decimal comma.
	await expect(rows.nth(7).locator('td:nth-child(3)')).toHaveText('64,89');
});

test('English is a switch away, and PAPI ranks say they are computed from scores', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Ngôn ngữ: English' }).click();
	await expect(page).toHaveURL(/\?lang=en$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kon Tum: ranks and targets');
	const par = page.locator('article[data-index="PAR_INDEX"]');
	await expect(par.getByTestId('target').locator('[data-status="met"]')).toHaveText('met');
	await expect(par.getByText('▲ up 12')).toHaveCount(2);
	const papi = page.locator('article[data-index="PAPI"]');
	await papi.locator('summary').click();
	const papi2019 = papi.locator('tbody tr', { hasText: '2019' });
	await expect(papi2019.locator('td:nth-child(2)')).toContainText('53/63');
	await expect(papi2019.locator('td:nth-child(2)')).toContainText('computed from scores');
	// The way back keeps the page.
	await page.getByRole('link', { name: 'Language: Tiếng Việt' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kon Tum: thứ hạng và mục tiêu');
});

test('a URL with ?unit=Gia%20Lai&year=2019 reproduces the view, and the picker writes such URLs', async ({ page }) => {
	await page.goto('/?unit=Gia%20Lai&year=2019');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gia Lai: thứ hạng và mục tiêu');
	const pci = page.locator('article[data-index="PCI"]');
	await expect(pci.getByText('Thứ hạng 2019')).toBeVisible();
	await expect(pci.getByTestId('latest-rank')).toHaveText('30/63');
	// The card links carry the unit and the year to the index page.
	await expect(pci.getByRole('link', { name: 'PCI', exact: true })).toHaveAttribute('href', '/pci?unit=Gia+Lai&year=2019');

	await page.goto('/');
	// Two units are called Gia Lai (the province to 2025, the merged one from 7/2025): the list tells them apart.
	await page.getByLabel('Đơn vị').selectOption({ label: 'Gia Lai (đến 2025)' });
	await page.getByRole('button', { name: 'Xem', exact: true }).click();
	await expect(page).toHaveURL(/\?unit=64$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gia Lai: thứ hạng và mục tiêu');
});

test('Kon Tum’s PCI: 2020 at VCCI’s 62.02 (56/63); 2023 only “outside the top 30”, with its source, undetermined against 37 − 5 = 32', async ({ page }) => {
	await page.goto('/');
	const pci = page.locator('article[data-index="PCI"]');
	const target = pci.getByTestId('target');
	await expect(target).toContainText('Mục tiêu 2023');
	await expect(target.locator('strong')).toHaveText('32/63');
	await expect(target.locator('[data-status="undetermined"]')).toHaveText('chưa xác định được');
	const bound = pci.getByTestId('bound');
	await expect(bound).toContainText('Hạng 2023');
	await expect(bound.locator('strong')).toHaveText('ngoài top 30 (hạng 31–63)');
	await expect(bound.getByRole('link', { name: 'baogialai.com.vn' })).toBeVisible();
	await pci.locator('summary').click();
	const y2020 = pci.locator('table[data-index="PCI"] tbody tr', { hasText: '2020' });
	await expect(y2020.locator('td:nth-child(2)')).toHaveText('56/63');
	await expect(y2020.locator('td:nth-child(3)')).toHaveText('62,02');
	await expect(y2020.locator('td:nth-child(4) a')).toHaveAttribute('href', 'https://pcivietnam.vn/bang-xep-hang?cpi_cat_id=PCI_Score&region_id=0&year=2020');
	// The target table: 2023 in words, and 2024's target as the range 31 − 1 … 32 − 1.
	const rows = page.locator('.target-table tbody tr');
	const cell = (year: number) => rows.filter({ has: page.locator(`th:text-is("${year}")`) }).locator('td[data-index="PCI"]');
	await expect(cell(2023)).toContainText('ngoài top 30 (hạng 31–63)');
	await expect(cell(2023)).toContainText('Hạng mục tiêu: 32');
	await expect(cell(2023)).toContainText('chưa xác định được');
	await expect(cell(2024)).toContainText('Hạng mục tiêu: 30–31');
});
