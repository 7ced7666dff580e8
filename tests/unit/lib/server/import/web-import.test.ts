import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { loadCatalogue } from '../../../../../src/lib/server/reference.ts';
import { saveUpload } from '../../../../../src/lib/server/import/uploads.ts';
import { commitUpload, componentLabel, previewUpload, type Preview } from '../../../../../src/lib/server/import/web-import.ts';
import { actor } from '../../../../helpers/actor.ts';

const PCI_2019 = path.resolve(import.meta.dirname, '../../../../fixtures/official/PCI 2019.xlsx');
const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';

beforeAll(async () => {
	process.env.CHISO_UPLOADS = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-uploads-web-'));
	useTempDatabase('web-import');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

const uploadText = (name: string, rows: string) => saveUpload(Buffer.from(`${HEADER}\n${rows}`), name);
const pci = () => saveUpload(fs.readFileSync(PCI_2019), 'PCI 2019.xlsx');

async function preview(request: Parameters<typeof previewUpload>[0], locale: 'vi' | 'en' = 'vi'): Promise<Preview> {
	const outcome = await previewUpload(request, locale);
	if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('\n'));
	return outcome.preview;
}

describe('previewUpload', () => {
	it('reads the official PCI 2019 workbook as the CLI does: every column placed, 63 provinces × 11 figures, nothing written', async () => {
		const upload = pci();
		const phases: string[] = [];
		const outcome = await previewUpload({ ...upload, indexId: 'PCI', year: 2019 }, 'vi', (p) => phases.push(p.phase));
		expect(outcome.ok).toBe(true);
		const p = (outcome as { preview: Preview }).preview;
		expect(p).toMatchObject({ sheet: 'Summary', shape: 'wide', format: 'xlsx', rows: 693, rowsNew: 693, rowsUnchanged: 0, rowsChanged: 0, alreadyImported: null });
		expect(p.sheetNames).toContain('Summary');
		expect(p.layout).toMatchObject({ orientation: 'units_in_rows', headerRow: 1, unitHeader: 'Province', deriveTotal: false });
		expect(p.layout!.columns).toContainEqual({ header: 'Sub-Index 3: Transparency', target: 'pci_s3', reason: 'alias' });
		expect(p.layout!.columns).toContainEqual({ header: 'Rank', target: 'rank', reason: 'alias' });
		expect(p.layout!.columns).toHaveLength(12);
		expect(phases).toEqual(expect.arrayContaining(['read', 'validate', 'stage']));
		expect(phases).not.toContain('commit');
		const [{ n }] = await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM observations');
		expect(n).toBe(0);
	});

	it('follows an edited mapping: one sub-index skipped is 63 figures fewer', async () => {
		const upload = pci();
		const first = await preview({ ...upload, indexId: 'PCI', year: 2019 });
		const edited = { ...first.mapping!, columns: { ...first.mapping!.columns, 'Sub-Index 3: Transparency': 'skip' } };
		const p = await preview({ ...upload, indexId: 'PCI', year: 2019, mapping: edited });
		expect(p.rows).toBe(630);
		expect(p.layout!.columns).toContainEqual({ header: 'Sub-Index 3: Transparency', target: 'skip', reason: 'mapping' });
	});

	it('lists every problem with row, column, value and the expectation in the interface language', async () => {
		const upload = uploadText('bad-synthetic.csv', 'PCI,2019,Kon Tumm,,63.5,56,63,,,\nPCI,2019,An Giang,,abc,21,63,,,\n');
		const outcome = await previewUpload(upload, 'en');
		expect(outcome.ok).toBe(false);
		const problems = (outcome as { problems: unknown[] }).problems;
		expect(problems).toEqual([
			expect.objectContaining({ code: 'unknown_unit', file: 'bad-synthetic.csv', row: 2, column: 'unit', value: 'Kon Tumm', message: expect.stringMatching(/^unknown unit; closest names: Kon Tum/) }),
			expect.objectContaining({ code: 'number', row: 3, column: 'score', value: 'abc', message: expect.stringMatching(/^not a number/) })
		]);
	});

	it('words for the page what the CLI words with flags (--index, --year)', async () => {
		// A wide table with the index chosen but not the year.
		const outcome = await previewUpload({ ...pci(), indexId: 'PCI' }, 'vi');
		expect(outcome).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'needs_index_year', message: expect.stringContaining('hãy chọn chỉ số và năm') })] });
		expect(JSON.stringify(outcome)).not.toContain('--index');
	});

	it('says plainly when the upload is gone (expired or already committed)', async () => {
		const outcome = await previewUpload({ sha256: 'f'.repeat(64), fileName: 'PCI 2019.xlsx' }, 'vi');
		expect(outcome).toEqual({
			ok: false,
			problems: [expect.objectContaining({ code: 'upload_gone', file: 'PCI 2019.xlsx', message: expect.stringContaining('hãy tải lên lại') })]
		});
	});
});

describe('commitUpload', () => {
	it('commits as one batch recorded with the analyst and the citation, then deletes the upload; the same file again changes nothing', async () => {
		const upload = uploadText('kon-tum-synthetic.csv', 'PCI,2019,Kon Tum,,63.5351,56,63,,,\n');
		const result = await commitUpload({ ...upload, source: '  VCCI 2019  ', replace: false }, actor('lan'), 'vi');
		expect(result).toMatchObject({ ok: true, status: 'committed', rows: 1, rowsNew: 1, rowsChanged: 0 });
		const batchId = (result as { batchId: number }).batchId;
		const [batch] = await query('SELECT file_name, imported_by, source FROM import_batches WHERE id = $1', [batchId]);
		expect(batch).toEqual({ file_name: 'kon-tum-synthetic.csv', imported_by: 'lan', source: 'VCCI 2019' });
		expect((await previewUpload(upload, 'vi')).ok).toBe(false);

		const again = uploadText('kon-tum-synthetic.csv', 'PCI,2019,Kon Tum,,63.5351,56,63,,,\n');
		expect(await preview(again)).toMatchObject({ alreadyImported: batchId, rowsUnchanged: 1, rowsNew: 0 });
		expect(await commitUpload({ ...again, replace: false }, actor('lan'), 'vi')).toMatchObject({ ok: true, status: 'already_imported', batchId });
	});

	it('shows a changed figure old → new and replaces it only with the confirmation', async () => {
		const upload = uploadText('kon-tum-changed-synthetic.csv', 'PCI,2019,Kon Tum,,63.6,,,,,\n');
		const p = await preview(upload);
		expect(p).toMatchObject({ rows: 1, rowsChanged: 1, rowsNew: 0 });
		expect(p.changed).toEqual([
			{ line: 2, unit: 'Kon Tum', component: expect.any(String), year: 2019, old: { score: 63.5351, rank: 56, n: 63 }, new: { score: 63.6, rank: null, n: null } }
		]);
		const refused = await commitUpload({ ...upload, replace: false }, actor('lan'), 'vi');
		expect(refused).toEqual({
			ok: false,
			problems: [expect.objectContaining({ code: 'conflict', row: 2, message: expect.stringContaining('đánh dấu ô xác nhận thay thế') })]
		});
		const [{ score }] = await query<{ score: number }>("SELECT score FROM observations WHERE unit_code = '62' AND index_id = 'PCI'");
		expect(score).toBe(63.5351);
		expect(await commitUpload({ ...upload, replace: true }, actor('lan'), 'vi')).toMatchObject({ ok: true, status: 'committed', rowsChanged: 1 });
	});
});

describe('componentLabel', () => {
	it('names a component in the interface language, and falls back on its id', async () => {
		const { components } = await loadCatalogue();
		expect(componentLabel(components, 'PCI', 'pci_s3', 'vi')).toBe('Tính minh bạch');
		expect(componentLabel(components, 'PCI', 'pci_s3', 'en')).toBe('Transparency and Access to Information');
		expect(componentLabel(components, 'PCI', 'pci_s99', 'en')).toBe('pci_s99');
	});
});
