/**
 * The web import in Chromium (issue 6, "Done when"): an analyst uploads the
 * official PCI 2019 workbook into an empty database, sees and corrects the
 * detected mapping, previews, commits, sees the figures, and undoes the batch
 * from the history page; a changed figure needs an explicit confirmation; bad
 * files are listed problem by problem. Signed out or as viewer every write
 * endpoint answers 401/403 and the export is unchanged; a cross-site post is refused.
 *
 * Expected figures come from the published table (data/scores_full_tables.csv
 * in the shared data): PCI 2019 has 63 provinces and 11 figures each (the
 * weighted total and ten sub-indices): 693 figures, 630 without one sub-index.
 * Kon Tum: 63.5351, ranked 56th of 63; An Giang: 66.4446, 21st.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { addUsers, signIn, startServer, type TestServer } from '../helpers/server.ts';
import { runCli } from '../helpers/cli.ts';

// Reading the workbook takes the server a few seconds, more on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });
const PCI_2019 = 'tests/fixtures/official/PCI 2019.xlsx';
const USERS: Record<string, [string, string]> = {
	vien: ['viewer', 'người xem thôi nhé'],
	lan: ['analyst', 'chuyên viên Kon Tum']
};

async function signInPage(page: Page, server: TestServer, name: string) {
	await page.goto(`${server.url}/signin?next=/import`);
	await page.getByLabel('Tên đăng nhập').fill(name);
	await page.getByLabel('Mật khẩu').fill(USERS[name][1]);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(`${server.url}/import`);
	// A file chosen or dropped before the page's scripts run would go nowhere.
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

/**
 * Kon Tum's (the dashboard's default unit) PCI 2019 on the PCI page: the rank row of the trajectory
 * chart's data table, then the score row of the trend chart's ("2019 56 63 …", "2019 63,5351 …").
 */
async function konTumPci2019(page: Page, server: TestServer): Promise<string[]> {
	await page.goto(`${server.url}/pci?year=2019`);
	const rows = [];
	for (const id of ['trajectory', 'trend']) {
		const figure = page.locator(`figure#${id}`);
		await figure.getByRole('button', { name: 'Xem bảng số liệu' }).click();
		rows.push((await figure.locator('.data-table tbody tr', { hasText: /^2019/ }).innerText()).split('\t').slice(0, 3));
	}
	return rows.flat();
}

test.describe('an analyst imports into an empty database', () => {
	let server: TestServer;
	let uploads: string;
	test.beforeAll(async () => {
		uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-uploads-'));
		server = await startServer({
			prepare: (db) => {
				expect(runCli(db, ['init', '--empty']).status).toBe(0);
				addUsers(db, USERS);
			},
			env: { CHISO_UPLOADS: uploads }
		});
	});
	test.afterAll(() => server.stop());

	test('upload PCI 2019, see and change the mapping, preview, commit, see the figures, undo, they are gone', async ({ page, request }) => {
		await page.setViewportSize({ width: 1440, height: 900 });
		await signInPage(page, server, 'lan');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập số liệu');
		await page.screenshot({ path: '/tmp/chiso-import-empty.png', fullPage: true });
		await page.getByLabel('Chọn tệp').setInputFiles(PCI_2019);

		// The detected reading: sheet Summary, one row a province, every column placed.
		await expect(page.getByTestId('rows-total')).toHaveText('693');
		await expect(page.getByTestId('rows-new')).toHaveText('693');
		await expect(page.getByTestId('rows-changed')).toHaveText('0');
		await expect(page.getByTestId('orientation')).toHaveText('mỗi dòng một đơn vị');
		await expect(page.getByText('«Province»')).toBeVisible();
		await expect(page.getByLabel('Chỉ số')).toHaveValue('PCI');
		await expect(page.getByLabel('Năm')).toHaveValue('2019');
		const transparency = page.getByRole('combobox', { name: 'Sub-Index 3: Transparency' });
		await expect(transparency).toHaveValue('pci_s3');
		await expect(page.getByRole('combobox', { name: 'Rank', exact: true })).toHaveValue('rank');
		await expect(page.getByRole('combobox', { name: 'The Weighted PCI Score' })).toHaveValue('total');
		await page.screenshot({ path: '/tmp/chiso-import-preview.png', fullPage: true });

		// Change one column's mapping and back: 63 figures fewer, then all 693 again.
		await transparency.selectOption('skip');
		await expect(page.getByTestId('rows-total')).toHaveText('630');
		await expect(transparency).toHaveValue('skip');
		await transparency.selectOption('pci_s3');
		await expect(page.getByTestId('rows-total')).toHaveText('693');
		await expect(transparency).toHaveValue('pci_s3');

		await page.getByLabel('Nguồn trích dẫn').fill('VCCI, PCI 2019, bảng Summary');
		await page.getByRole('button', { name: 'Ghi 693 số liệu vào cơ sở dữ liệu' }).click();
		await expect(page.getByTestId('committed')).toHaveText('Đã ghi lô 1: 693 số liệu mới, 0 số liệu được thay.');
		expect(fs.readdirSync(uploads)).toEqual([]);

		// The figures are on the dashboard and in the read API.
		await expect(page.getByRole('link', { name: 'Xem bảng theo dõi' })).toBeVisible();
		// Rank 56 of 63, then the score (63.5351 in the published table) and the median of the 63 provinces.
		const [year, rank, n, , score] = await konTumPci2019(page, server);
		expect([year, rank, n, score]).toEqual(['2019', '56', '63', '63,5351']);
		const totals = (await (await request.get(`${server.url}/api/observations?index=PCI&year=2019&component=total`)).json()) as {
			unitName: string; score: number; rank: number; n: number;
		}[];
		expect(totals).toHaveLength(63);
		// The workbook holds the score at full precision (66.44462585…); the published table rounds it to 4 decimals.
		const anGiang = totals.find((r) => r.unitName === 'An Giang')!;
		expect(anGiang).toMatchObject({ rank: 21, n: 63 });
		expect(anGiang.score).toBeCloseTo(66.4446, 4);

		// The history shows the batch: file, sheet, SHA-256, source, who, figures; undo asks first.
		await page.getByRole('link', { name: 'Lịch sử nhập' }).click();
		const batch = page.getByTestId('batch-1');
		const sha256 = crypto.createHash('sha256').update(fs.readFileSync(PCI_2019)).digest('hex');
		await expect(batch).toContainText('PCI 2019.xlsx [Summary]');
		await expect(batch).toContainText(sha256);
		await expect(batch).toContainText('VCCI, PCI 2019, bảng Summary');
		await expect(batch).toContainText('lan');
		await expect(batch).toContainText('693 (693 mới, 0 thay, 0 không đổi)');
		await expect(batch).toContainText('đang hiệu lực');
		await page.screenshot({ path: '/tmp/chiso-history.png', fullPage: true });
		await batch.getByRole('button', { name: 'Hoàn tác' }).click();
		await expect(batch.getByRole('alertdialog')).toContainText('Hoàn tác lô 1 (PCI 2019.xlsx)? 693 số liệu của lô sẽ bị xóa');
		await page.screenshot({ path: '/tmp/chiso-history-confirm.png', fullPage: true });
		await batch.getByRole('button', { name: 'Xác nhận hoàn tác' }).click();
		await expect(page.getByRole('status')).toHaveText('Đã hoàn tác lô 1: xóa 693 số liệu, khôi phục 0 số liệu cũ.');
		await expect(batch).toContainText('đã hoàn tác');
		await expect(batch.getByRole('button', { name: 'Hoàn tác' })).toHaveCount(0);

		// Gone from the dashboard and the API.
		await page.goto(`${server.url}/pci?year=2019`);
		await expect(page.getByText('63,5351')).toHaveCount(0);
		expect(await (await request.get(`${server.url}/api/observations?index=PCI&year=2019`)).json()).toEqual([]);
	});

	test('a changed figure is only replaced after the analyst confirms it; undo puts the old one back', async ({ page }) => {
		await signInPage(page, server, 'lan');
		await page.getByLabel('Chọn tệp').setInputFiles(PCI_2019);
		await expect(page.getByTestId('rows-new')).toHaveText('693');
		// The working mapping is saved for next year's file.
		await page.getByLabel('Tên mẫu').fill('PCI hằng năm');
		await page.getByRole('button', { name: 'Lưu ánh xạ này làm mẫu' }).click();
		await expect(page.getByText('Đã lưu mẫu ánh xạ «PCI hằng năm».')).toBeVisible();
		await page.getByRole('button', { name: 'Ghi 693 số liệu vào cơ sở dữ liệu' }).click();
		await expect(page.getByTestId('committed')).toHaveText(/^Đã ghi lô \d+: 693 số liệu mới, 0 số liệu được thay\.$/);

		await page.goto(`${server.url}/import`);
		await expect(page.getByLabel('Mẫu ánh xạ đã lưu')).toContainText('PCI hằng năm');
		await page.getByLabel('Chọn tệp').setInputFiles('tests/fixtures/pci-2019-kon-tum-changed-synthetic.csv');
		await expect(page.getByTestId('rows-changed')).toHaveText('1');
		await expect(page.getByTestId('changed')).toContainText('Kon Tum');
		// The old score as stored from the workbook, at full precision (63.5351… in the published table).
		await expect(page.getByTestId('changed')).toContainText(/63,5351\d* #56\/63/);
		await expect(page.getByTestId('changed')).toContainText('→ 63,6');
		const commit = page.getByRole('button', { name: 'Ghi 1 số liệu vào cơ sở dữ liệu' });
		await expect(commit).toBeDisabled();
		await page.screenshot({ path: '/tmp/chiso-import-changed.png', fullPage: true });
		await page.getByLabel('Tôi xác nhận thay 1 số liệu đã lưu').check();
		await commit.click();
		await expect(page.getByTestId('committed')).toHaveText(/^Đã ghi lô \d+: 0 số liệu mới, 1 số liệu được thay\.$/);
		const batchId = /lô (\d+)/.exec((await page.getByTestId('committed').textContent())!)![1];
		expect((await konTumPci2019(page, server))[4]).toBe('63,6');

		await page.goto(`${server.url}/import/history`);
		const batch = page.getByTestId(`batch-${batchId}`);
		await batch.getByText('1 số liệu đã thay (cũ → mới)').click();
		await expect(batch.getByRole('row')).toContainText(['Kon Tum']);
		await expect(batch).toContainText(/63,5351\d* #56/);
		await batch.getByRole('button', { name: 'Hoàn tác' }).click();
		await batch.getByRole('button', { name: 'Xác nhận hoàn tác' }).click();
		await expect(page.getByRole('status')).toHaveText(`Đã hoàn tác lô ${batchId}: xóa 1 số liệu, khôi phục 1 số liệu cũ.`);
		expect((await konTumPci2019(page, server))[4]).toBe('63,5351');
	});

	test('a PAR INDEX table pasted from a PDF goes through the same preview and commit as a file', async ({ page, request }) => {
		await signInPage(page, server, 'lan');
		await page.getByLabel('Chỉ số').selectOption('PAR_INDEX');
		await page.getByRole('spinbutton', { name: 'Năm' }).fill('2023');
		await page.getByRole('spinbutton', { name: 'Năm' }).press('Tab');
		// Synthetic figures as a PDF copy gives them: columns apart by spaces, decimal commas, rank prefixes, NFD text.
		const pasted = [
			'Bảng 2. Chỉ số CCHC năm 2023',
			'Xếp hạng    Tỉnh, thành phố      Chỉ số CCHC (%)',
			'1.          Hải Phòng            92,57',
			'2.          Quảng Ninh           91,04',
			'3. Kon Tum 85,12',
			'Ghi chú: số liệu minh họa'
		].join('\n').normalize('NFD');
		await page.getByLabel(/Hoặc dán một bảng/).fill(pasted);
		await page.getByRole('button', { name: 'Dùng bảng đã dán' }).click();
		await expect(page.getByTestId('rows-total')).toHaveText('3');
		await expect(page.getByTestId('file-name')).toHaveText('bang-da-dan.tsv');
		await expect(page.getByRole('combobox', { name: 'Chỉ số CCHC (%)' })).toHaveValue('total');
		await expect(page.getByTestId('skipped-lines')).toContainText('Ghi chú: số liệu minh họa');
		await page.screenshot({ path: '/tmp/chiso-import-pasted.png', fullPage: true });
		// The mapping as a file, the same that `chiso import --write-map` writes and `--map` reads.
		const href = decodeURIComponent((await page.getByTestId('download-mapping').getAttribute('href'))!);
		expect(JSON.parse(href.slice(href.indexOf(',') + 1))).toMatchObject({ unit: 'Tỉnh, thành phố', columns: { 'Chỉ số CCHC (%)': 'total', 'Xếp hạng': 'rank' } });
		await page.getByRole('button', { name: 'Ghi 3 số liệu vào cơ sở dữ liệu' }).click();
		await expect(page.getByTestId('committed')).toHaveText(/^Đã ghi lô \d+: 3 số liệu mới, 0 số liệu được thay\.$/);
		const totals = (await (await request.get(`${server.url}/api/observations?index=PAR_INDEX&year=2023&component=total`)).json()) as {
			unitName: string; score: number; rank: number; n: number;
		}[];
		expect(totals.map((r) => [r.unitName, r.score, r.rank, r.n]).sort()).toEqual([
			['Hải Phòng', 92.57, 1, 3],
			['Kon Tum', 85.12, 3, 3],
			['Quảng Ninh', 91.04, 2, 3]
		]);
	});

	test('bad rows are listed with row, column, value and expectation; file text is shown as text', async ({ page }) => {
		let alerted = false;
		page.on('dialog', async (dialog) => {
			alerted = true;
			await dialog.dismiss();
		});
		await signInPage(page, server, 'lan');
		await page.getByLabel('Chọn tệp').setInputFiles('tests/fixtures/bad-rows-synthetic.csv');
		const problems = page.getByRole('alert');
		await expect(problems.getByRole('heading')).toHaveText('Chưa nhập được tệp: 3 lỗi. Chưa ghi gì vào cơ sở dữ liệu.');
		const rows = problems.locator('tbody tr');
		await expect(rows.nth(0)).toHaveText(/bad-rows-synthetic\.csv\s*2\s*unit\s*Kon Tumm\s*không tìm thấy đơn vị; gần nhất: Kon Tum/);
		await expect(rows.nth(1)).toHaveText(/3\s*score\s*abc\s*không phải là số/);
		await expect(rows.nth(2).locator('code')).toHaveText('<img src=x onerror=alert(1)>');
		await expect(page.locator('img')).toHaveCount(0);
		await expect(page.getByRole('button', { name: /Ghi .* số liệu/ })).toHaveCount(0);
		await page.screenshot({ path: '/tmp/chiso-import-problems.png', fullPage: true });
		expect(alerted).toBe(false);
	});

	test('a column detection cannot place is named, and settled on the page', async ({ page }) => {
		await signInPage(page, server, 'lan');
		await page.getByLabel('Chọn tệp').setInputFiles('tests/fixtures/pci-2019-unknown-column-synthetic.csv');
		await expect(page.getByRole('alert')).toContainText('1 tên chưa xác định được là thành phần nào của PCI: «Mystery column»');
		await page.getByLabel('Tên cột (như trong tệp)').fill('Mystery column');
		await page.getByRole('combobox', { name: 'Chứa' }).selectOption('skip');
		await page.getByRole('button', { name: 'Áp dụng' }).click();
		// Three provinces, one total each.
		await expect(page.getByTestId('rows-total')).toHaveText('3');
		await expect(page.getByRole('combobox', { name: 'Mystery column' })).toHaveValue('skip');
		await expect(page.getByRole('combobox', { name: 'The Weighted PCI Score' })).toHaveValue('total');
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	test('a file dropped on the page is judged by its content: a picture named .csv, a text named .xlsx', async ({ page }) => {
		await signInPage(page, server, 'lan');
		const drop = async (name: string, bytes: number[]) => {
			const transfer = await page.evaluateHandle(
				([name, bytes]) => {
					const data = new DataTransfer();
					data.items.add(new File([new Uint8Array(bytes as number[])], name as string));
					return data;
				},
				[name, bytes] as const
			);
			await page.getByRole('region', { name: 'Kéo thả tệp vào đây, hoặc' }).dispatchEvent('drop', { dataTransfer: transfer });
		};
		// The first bytes of a PNG: not text, not a table.
		await drop('diem.csv', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		await expect(page.getByRole('alert')).toContainText(
			'Tệp diem.csv không phải CSV, Excel .xlsx, Parquet hay Arrow (xét theo nội dung tệp, không theo tên tệp).'
		);
		await drop('PCI 2020.xlsx', [...Buffer.from('index,year,unit\n')]);
		await expect(page.getByRole('alert')).toContainText('Tệp PCI 2020.xlsx mang đuôi .xlsx nhưng nội dung là csv');
	});

	test('a zip bomb, an .xls and an encrypted workbook are refused in plain words; the server stays under 500 MB', async ({ page, request }) => {
		await signInPage(page, server, 'lan');
		// 24 entries of 64 MB of zeros, deflated once (~64 KB each): a 1.5 MB file declaring 1.5 GB.
		const zeros = zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
		const locals: Buffer[] = [];
		const centrals: Buffer[] = [];
		let offset = 0;
		for (let i = 0; i < 24; i++) {
			const name = Buffer.from(`xl/worksheets/sheet${i + 1}.xml`);
			const local = Buffer.alloc(30);
			local.writeUInt32LE(0x04034b50, 0);
			local.writeUInt16LE(8, 8);
			local.writeUInt32LE(zeros.length, 18);
			local.writeUInt32LE(64 * 1024 * 1024, 22);
			local.writeUInt16LE(name.length, 26);
			const central = Buffer.alloc(46);
			central.writeUInt32LE(0x02014b50, 0);
			central.writeUInt16LE(8, 10);
			central.writeUInt32LE(zeros.length, 20);
			central.writeUInt32LE(64 * 1024 * 1024, 24);
			central.writeUInt16LE(name.length, 28);
			central.writeUInt32LE(offset, 42);
			locals.push(local, name, zeros);
			centrals.push(central, name);
			offset += 30 + name.length + zeros.length;
		}
		const directory = Buffer.concat(centrals);
		const end = Buffer.alloc(22);
		end.writeUInt32LE(0x06054b50, 0);
		end.writeUInt16LE(24, 8);
		end.writeUInt16LE(24, 10);
		end.writeUInt32LE(directory.length, 12);
		end.writeUInt32LE(offset, 16);
		const bomb = Buffer.concat([...locals, directory, end]);
		await page.getByLabel('Chỉ số').selectOption('PAPI');
		await page.getByRole('spinbutton', { name: 'Năm' }).fill('2018');
		await page.getByRole('spinbutton', { name: 'Năm' }).press('Tab');
		await page.getByLabel('Chọn tệp').setInputFiles({ name: 'bom-synthetic.xlsx', mimeType: 'application/octet-stream', buffer: bomb });
		await expect(page.getByRole('alert')).toContainText('sổ làm việc .xlsx khi giải nén vượt quá 16 MB nên bị từ chối trước khi giải nén');
		// Peak resident memory of the server process so far (VmHWM, kB): the bomb was never unpacked.
		const peak = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
		expect(peak).toBeLessThan(500);
		expect((await request.get(`${server.url}/api/observations?index=PCI&year=2019&component=total`)).ok()).toBe(true);

		const ole = (stream: string) => {
			const bytes = Buffer.alloc(4096);
			Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
			Buffer.from(stream, 'utf16le').copy(bytes, 1024);
			return bytes;
		};
		await page.getByLabel('Chọn tệp').setInputFiles({ name: 'cu-synthetic.xls', mimeType: 'application/vnd.ms-excel', buffer: ole('Workbook') });
		await expect(page.getByRole('alert')).toContainText('Tệp cu-synthetic.xls là Excel 97–2003 (.xls)');
		await page.getByLabel('Chọn tệp').setInputFiles({ name: 'khoa-synthetic.xlsx', mimeType: 'application/octet-stream', buffer: ole('EncryptedPackage') });
		await expect(page.getByRole('alert')).toContainText('Tệp khoa-synthetic.xlsx được đặt mật khẩu');
		await page.screenshot({ path: '/tmp/chiso-import-encrypted.png', fullPage: true });
	});

	test('the page speaks English on request, at phone width', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await signInPage(page, server, 'lan');
		await page.goto(`${server.url}/import?lang=en`);
		await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import figures');
		await page.getByLabel('Choose a file').setInputFiles(PCI_2019);
		await expect(page.getByTestId('rows-total')).toHaveText('693');
		await expect(page.getByRole('combobox', { name: 'Sub-Index 3: Transparency' })).toContainText('Score: Transparency');
		await page.screenshot({ path: '/tmp/chiso-import-preview-390-en.png', fullPage: true });
		await page.goto(`${server.url}/import/history?lang=en`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import history');
		await page.screenshot({ path: '/tmp/chiso-history-390-en.png', fullPage: true });
	});
});

test.describe('only analysts change data', () => {
	let server: TestServer;
	let uploads: string;
	const before = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-export-')), 'before.csv');
	const cookies: Record<string, string> = {};


	test.beforeAll(async () => {
		uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-uploads-'));
		// A database with the shipped figures (so there is a batch to undo), exported before the server starts.
		server = await startServer({
			prepare: (db) => {
				addUsers(db, USERS);
				expect(runCli(db, ['export', '--format', 'csv', '--out', before]).status).toBe(0);
			},
			env: { CHISO_UPLOADS: uploads }
		});
		for (const name of Object.keys(USERS)) cookies[name] = await signIn(server.url, name, USERS[name][1]);
	});

	test('signed out: 401, viewer: 403, on every write endpoint; the export is unchanged', async ({ request }) => {
		const file = { name: 'PCI 2019.xlsx', mimeType: 'application/octet-stream', buffer: fs.readFileSync(PCI_2019) };
		const body = { sha256: 'a'.repeat(64), fileName: 'PCI 2019.xlsx', indexId: 'PCI', year: 2019 };
		// One at a time: the server answers a refused upload before reading its body and then closes the connection.
		const writes = (cookie: Record<string, string>) => [
			() => request.post(`${server.url}/api/import/upload`, { multipart: { file }, headers: { ...cookie, origin: server.url, connection: 'close' } }),
			() => request.post(`${server.url}/api/import/preview`, { data: body, headers: cookie }),
			() => request.post(`${server.url}/api/import/commit`, { data: { ...body, replace: true }, headers: cookie }),
			() => request.post(`${server.url}/api/import/batches/1/undo`, { data: {}, headers: cookie }),
			() => request.post(`${server.url}/api/import/presets`, { data: { name: 'x', indexId: 'PCI', mapping: {} }, headers: cookie }),
			() => request.post(`${server.url}/api/users`, { data: { name: 'ke-gian', role: 'admin', password: 'mật khẩu kẻ gian' }, headers: cookie })
		];
		for (const write of writes({})) expect((await write()).status()).toBe(401);
		for (const write of writes({ cookie: cookies.vien })) expect((await write()).status()).toBe(403);
		// The pages: signed out to sign-in, a viewer refused.
		const signedOut = await request.get(`${server.url}/import/history`, { maxRedirects: 0 });
		expect(signedOut.status()).toBe(303);
		expect(signedOut.headers().location).toBe('/signin?next=%2Fimport%2Fhistory');
		expect((await request.get(`${server.url}/import`, { headers: { cookie: cookies.vien } })).status()).toBe(403);
		expect(fs.readdirSync(uploads)).toEqual([]);
	});

	test('a cross-site form post is refused even with an analyst’s cookie', async ({ request }) => {
		const forged = await request.post(`${server.url}/api/import/upload`, {
			multipart: { file: { name: 'PCI 2019.xlsx', mimeType: 'application/octet-stream', buffer: fs.readFileSync(PCI_2019) } },
			headers: { cookie: cookies.lan, origin: 'https://evil.example', connection: 'close' }
		});
		expect(forged.status()).toBe(403);
		expect(await forged.text()).toContain('Cross-site POST form submissions are forbidden');
		const undo = await request.post(`${server.url}/api/import/batches/1/undo`, {
			form: {},
			headers: { cookie: cookies.lan, origin: 'https://evil.example' }
		});
		expect(undo.status()).toBe(403);
		expect(fs.readdirSync(uploads)).toEqual([]);
	});

	test('after the refused requests the export is byte-identical to the one before the server started', async () => {
		// The server holds the database while it runs: stop it before exporting.
		await server.stop();
		const after = path.join(path.dirname(before), 'after.csv');
		expect(runCli(server.db, ['export', '--format', 'csv', '--out', after]).status).toBe(0);
		expect(fs.readFileSync(after).equals(fs.readFileSync(before))).toBe(true);
	});
	test.afterAll(() => server.stop());
});
