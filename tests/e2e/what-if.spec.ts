/**
 * The what-if page as a reader uses it: Kon Tum's PCI 2019 (63.5351, 56th of
 * 63, data/figures/full-tables-2015-2019.csv) against a target of 50th. The
 * figures below are worked by hand from the published table and the rule
 * total = 10 × Σ weight% × sub-index (Transparency 20%, Informal Charges 10%).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runCli } from '../helpers/cli.ts';
import { writeSyntheticPapi } from '../helpers/synthetic-what-if.ts';

const PAGE = '/pci/what-if?unit=Kon%20Tum&year=2019&target=50';

async function expectShown(page: Page, shown: { total: string; rank: string; change: string; verdict: string }) {
	await expect(page.getByTestId('projected-total')).toHaveText(shown.total);
	await expect(page.getByTestId('projected-rank')).toHaveText(shown.rank);
	await expect(page.getByTestId('rank-change')).toHaveText(shown.change);
	await expect(page.getByTestId('target-verdict')).toHaveText(shown.verdict);
}

test('typing in two sub-indices and dragging a slider recompute the total, the rank and the verdict in the browser, without a request', async ({ page }) => {
	await page.goto(PAGE);
	await page.locator('html[data-hydrated]').waitFor();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mô phỏng PCI · Kon Tum · 2019');
	await expectShown(page, { total: '63,5351', rank: '56/63', change: 'không đổi', verdict: 'Chưa đạt (cần hạng 50 trở lên)' });
	// 50th needs the 50th highest other total, Lạng Sơn's 63.7894: 63.7894 − 63.5351 = 0.2543 to add.
	await expect(page.getByTestId('path-text')).toHaveText(
		'Cần thêm 0,2543 điểm tổng (đạt 63,7894). Tăng trước các thành phần có trọng số lớn nhất, mỗi thành phần tối đa đến điểm tối đa:'
	);
	await expect(page.getByTestId('path-table').locator('tbody th')).toHaveText(['Tính minh bạch']);

	const requests: string[] = [];
	// Requests for data or pages (Chromium refetches the favicon when the address changes: not one of ours).
	page.on('request', (r) => {
		if (['document', 'fetch', 'xhr'].includes(r.resourceType())) requests.push(r.url());
	});
	// Transparency 6.4543 → 6.5543 (+0.1 × 2) and Informal Charges 5.9532 → 6.0532 (+0.1 × 1): 63.5351 + 0.3 = 63.8351.
	// Above it stay the 49 others down to Quảng Trị (63.8356); Lạng Sơn (63.7894) and 5 more fall below: 50th, up 6.
	await page.getByLabel('Tính minh bạch', { exact: true }).fill('6.5543');
	await page.getByLabel('Chi phí không chính thức', { exact: true }).fill('6.0532');
	await expectShown(page, { total: '63,8351', rank: '50/63', change: 'tăng 6 bậc', verdict: 'Đạt (hạng 50 trở lên)' });
	await expect(page.getByTestId('path-text')).toHaveText('Kịch bản này đã đạt hạng 50: không cần thêm điểm.');
	expect(requests).toEqual([]);
	// The address holds the scenario, to send to a colleague.
	expect(new URL(page.url()).searchParams.get('pci_s3')).toBe('6.5543');
	expect(new URL(page.url()).searchParams.get('pci_s5')).toBe('6.0532');
	// Switching language keeps the scenario.
	await expect(page.locator('a.lang')).toHaveAttribute('href', /[?&]pci_s3=6\.5543&.*lang=en$/);

	// Dragging Transparency's slider to its end (10): 63.5351 + 0.1 + 2 × (10 − 6.4543) = 70.7265,
	// below only Quảng Ninh 73.3965, Đồng Tháp 72.1044, Vĩnh Long 71.3025 and Bắc Ninh 70.7909: 5th, up 51.
	await page.getByRole('slider', { name: 'Tính minh bạch: thanh trượt' }).press('End');
	await expect(page.getByLabel('Tính minh bạch', { exact: true })).toHaveValue('10');
	await expectShown(page, { total: '70,7265', rank: '5/63', change: 'tăng 51 bậc', verdict: 'Đạt (hạng 50 trở lên)' });
	expect(requests).toEqual([]);
});

test('the same address without JavaScript shows the same numbers, from the server', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${PAGE}&pci_s3=6.5543&pci_s5=6.0532`);
	// Sliders need scripts; without them the number inputs and the button do the work.
	await expect(page.getByRole('slider')).toHaveCount(0);
	await expectShown(page, { total: '63,8351', rank: '50/63', change: 'tăng 6 bậc', verdict: 'Đạt (hạng 50 trở lên)' });
	// The GET form works without scripts: Informal Charges back to 5.9532 gives 63.7351, below Lạng Sơn: 52nd.
	await page.getByLabel('Chi phí không chính thức', { exact: true }).fill('5.9532');
	await page.getByRole('button', { name: 'Tính' }).click();
	await expectShown(page, { total: '63,7351', rank: '52/63', change: 'tăng 4 bậc', verdict: 'Chưa đạt (cần hạng 50 trở lên)' });
	await context.close();
});

test('a score outside the component’s bounds is named and the actual score kept', async ({ page }) => {
	await page.goto(`${PAGE}&pci_s3=12`);
	await expect(page.getByTestId('problem-pci_s3')).toHaveText('Tính minh bạch: 12 nằm ngoài khoảng 0–10; giữ điểm thực tế.');
	await expect(page.getByRole('alert')).toHaveCount(1);
	await expect(page.getByTestId('projected-total')).toHaveText('63,5351');
});

const NOT_A_NUMBER = (text: string) =>
	`Tính minh bạch: “${text}” không phải một số thập phân (viết phần lẻ sau một dấu phẩy hoặc dấu chấm, không có dấu phân cách hàng nghìn, như 6,4543); giữ điểm thực tế.`;

test('scores are shown and typed with a decimal comma, a point read too; a text that is no number is named with its input', async ({ page }) => {
	await page.goto(PAGE);
	await page.locator('html[data-hydrated]').waitFor();
	// The published 6.4543, as Vietnamese writes it.
	const transparency = page.getByLabel('Tính minh bạch', { exact: true });
	await expect(transparency).toHaveValue('6,4543');
	// The worked example of the first test, typed with commas: 63.5351 + 0.1 × 2 + 0.1 × 1 = 63.8351, 50th.
	await transparency.fill('6,5543');
	await page.getByLabel('Chi phí không chính thức', { exact: true }).fill('6,0532');
	await expectShown(page, { total: '63,8351', rank: '50/63', change: 'tăng 6 bậc', verdict: 'Đạt (hạng 50 trở lên)' });
	expect(new URL(page.url()).searchParams.get('pci_s3')).toBe('6,5543');
	// Two points: no number is guessed; Transparency keeps its published score, 63.5351 + 0.1 = 63.6351.
	await transparency.fill('6.55.43');
	await expect(page.getByTestId('projected-total')).toHaveText('63,6351');
	// Still in the input ("6," on the way to "6,5" is no mistake yet): named once the reader leaves it, next to it.
	await expect(page.getByRole('alert')).toHaveCount(0);
	await transparency.press('Tab');
	await expect(page.getByTestId('problem-pci_s3')).toHaveText(NOT_A_NUMBER('6.55.43'));
	await expect(page.getByRole('alert')).toHaveText(NOT_A_NUMBER('6.55.43'));
	await expect(transparency).toHaveAttribute('aria-invalid', 'true');
	await expect(transparency).toHaveAccessibleDescription(/không phải một số thập phân/);
	await expect(page.getByTestId('projected-total')).toHaveText('63,6351');
	// Dragging the slider writes a comma too.
	await page.getByRole('slider', { name: 'Tính minh bạch: thanh trượt' }).press('End');
	await expect(transparency).toHaveValue('10');
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('without JavaScript the server reads the same: commas in the address, a text that is no number named and kept', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${PAGE}&pci_s3=6,5543&pci_s5=6,0532`);
	await expectShown(page, { total: '63,8351', rank: '50/63', change: 'tăng 6 bậc', verdict: 'Đạt (hạng 50 trở lên)' });
	// The GET form sends a comma as typed: Informal Charges back to 5,9532 gives 63.7351, 52nd, as with a point.
	await page.getByLabel('Chi phí không chính thức', { exact: true }).fill('5,9532');
	await page.getByRole('button', { name: 'Tính' }).click();
	await expect(page).toHaveURL(/[?&]pci_s5=5%2C9532(&|$)/);
	await expectShown(page, { total: '63,7351', rank: '52/63', change: 'tăng 4 bậc', verdict: 'Chưa đạt (cần hạng 50 trở lên)' });
	await page.goto(`${PAGE}&pci_s3=1.234,5&pci_s5=6,0532`);
	await expect(page.getByTestId('problem-pci_s3')).toHaveText(NOT_A_NUMBER('1.234,5'));
	await expect(page.getByRole('alert')).toHaveText(NOT_A_NUMBER('1.234,5'));
	await expect(page.getByLabel('Tính minh bạch', { exact: true })).toHaveValue('1.234,5');
	await expect(page.getByTestId('projected-total')).toHaveText('63,6351');
	await context.close();
});

test('the index page and the overview card link to the simulator', async ({ page }) => {
	await page.goto('/pci?unit=62&year=2019');
	await page.getByRole('link', { name: 'Mô phỏng: cần cải thiện gì để đạt mục tiêu →' }).click();
	await expect(page).toHaveURL(/\/pci\/what-if\?unit=62&year=2019$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mô phỏng PCI · Kon Tum · 2019');
	await page.goto('/?unit=62');
	await page.locator('article[data-index="PAPI"]').getByRole('link', { name: /^Mô phỏng/ }).click();
	await expect(page).toHaveURL(/\/papi\/what-if\?unit=62$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Mô phỏng PAPI · Kon Tum · \d{4}$/);
});

test('the briefing PDF says what it would have taken, for an index whose target was missed (synthetic PAPI 2023)', () => {
	// tests/helpers/synthetic-what-if.ts: Kon Tum 51st against a target of 46th; 46th needed 55.5, i.e. +0.5 on Participation.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-what-if-e2e-'));
	const db = path.join(dir, 'cli.duckdb');
	expect(runCli(db, ['init', '--empty']).status).toBe(0);
	expect(runCli(db, ['import', writeSyntheticPapi()]).status).toBe(0);
	const out = path.join(dir, 'b.pdf');
	const result = runCli(db, ['briefing', '--unit', 'Kon Tum', '--year', '2023', '--indices', 'PAPI', '--out', out]);
	expect(result.status, result.stderr).toBe(0);
	const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
	expect(text).toContain('Để đạt mục tiêu');
	expect(text).toContain(
		'Để đạt hạng 46 năm 2023 (các đơn vị khác giữ nguyên điểm), cần thêm 0,5 điểm tổng, ít điểm thành phần nhất: Tham gia của người dân ở cấp cơ sở từ 6 lên 6,5. Tổng cộng 0,5 điểm thành phần.'
	);
	// The link to the simulator is for the screen only.
	expect(text).not.toContain('Thử kịch bản khác');
});
