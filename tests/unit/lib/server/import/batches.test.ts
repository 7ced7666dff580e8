import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { BatchError, listBatches, undoBatch } from '../../../../../src/lib/server/import/batches.ts';
import { exportObservations } from '../../../../../src/lib/server/export.ts';
import { actor } from '../../../../helpers/actor.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';

beforeAll(async () => {
	useTempDatabase('batches');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

async function exported(): Promise<Buffer> {
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-export-')), 'all.csv');
	await exportObservations('csv', out);
	return fs.readFileSync(out);
}
const importText = (name: string, text: string, replace = false) =>
	importFile({ file: writeTempFile(name, `${HEADER}\n${text}`), importedBy: 'test', replace });

describe('batches and undo', () => {
	it('import, replace a value, undo: the export is byte-identical to before', async () => {
		const base = await importText('synthetic-base.csv', 'PCI,2019,Kon Tum,,63.5351,56,63,,,\nPCI,2019,Gia Lai,,62.1,60,63,,,\n');
		const before = await exported();
		const replacing = await importText('synthetic-fix.csv', 'PCI,2019,Kon Tum,,64,50,63,,,\nPCI,2019,Đắk Lắk,,61,62,63,,,\n', true);
		expect(replacing).toMatchObject({ rowsNew: 1, changed: [expect.objectContaining({ old: { score: 63.5351, rank: 56, n: 63 } })] });
		expect((await exported()).equals(before)).toBe(false);

		expect(await undoBatch(replacing.batchId!, actor('lan'))).toEqual({ removed: 2, restored: 1 });
		expect((await exported()).equals(before)).toBe(true);
		expect((await listBatches()).map((b) => [b.id, b.status])).toEqual([
			[base.batchId, 'committed'],
			[replacing.batchId, 'undone']
		]);
		expect(await query('SELECT * FROM observation_history')).toEqual([]);
	});

	it('an undone file can be imported again', async () => {
		const again = await importText('synthetic-fix.csv', 'PCI,2019,Kon Tum,,64,50,63,,,\nPCI,2019,Đắk Lắk,,61,62,63,,,\n', true);
		expect(again.status).toBe('committed');
		await undoBatch(again.batchId!, actor('lan'));
	});

	it('refuses to undo a batch whose figures a later batch replaced, and an unknown or undone batch', async () => {
		const first = await importText('synthetic-first.csv', 'PCI,2018,Kon Tum,,60.6276,59,63,,,\n');
		const second = await importText('synthetic-second.csv', 'PCI,2018,Kon Tum,,61,59,63,,,\n', true);
		const error = await undoBatch(first.batchId!, actor('lan')).catch((e) => e);
		expect(error).toBeInstanceOf(BatchError);
		expect(error).toMatchObject({ key: 'undo.later', params: { batch: first.batchId, later: second.batchId } });
		await undoBatch(second.batchId!, actor('lan'));
		await expect(undoBatch(second.batchId!, actor('lan'))).rejects.toMatchObject({ key: 'undo.unknown' });
		await expect(undoBatch(9999, actor('lan'))).rejects.toMatchObject({ key: 'undo.unknown' });
		expect(await undoBatch(first.batchId!, actor('lan'))).toEqual({ removed: 1, restored: 0 });
	});
});
