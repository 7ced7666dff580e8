import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { undoBatch } from '../../../../../src/lib/server/import/batches.ts';
import { batchHistory } from '../../../../../src/lib/server/import/history.ts';
import { actor } from '../../../../helpers/actor.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';

beforeAll(async () => {
	useTempDatabase('history');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

const importText = (name: string, rows: string, replace = false) => {
	const text = `${HEADER}\n${rows}`;
	return { sha256: crypto.createHash('sha256').update(text).digest('hex'), result: importFile({ file: writeTempFile(name, text), importedBy: 'lan', source: 'VCCI', replace }) };
};

describe('batchHistory', () => {
	it('lists batches newest first with their SHA-256 and, while they stand, what they replaced old → new', async () => {
		const base = importText('base-synthetic.csv', 'PCI,2019,Kon Tum,,63.5351,56,63,,,\nPCI,2019,Gia Lai,pci_s3,6.2,,,,,\n');
		const first = await base.result;
		const change = importText('change-synthetic.csv', 'PCI,2019,Kon Tum,,63.6,55,63,,,\nPCI,2019,Gia Lai,pci_s3,6.2,,,,,\n', true);
		const second = await change.result;

		const history = await batchHistory('vi');
		expect(history.map((b) => b.id)).toEqual([second.batchId, first.batchId]);
		expect(history[0]).toMatchObject({
			fileName: 'change-synthetic.csv', sha256: change.sha256, importedBy: 'lan', source: 'VCCI', status: 'committed',
			rowsTotal: 2, rowsNew: 0, rowsChanged: 1, rowsUnchanged: 1
		});
		expect(history[0].changes).toEqual([
			{ unit: 'Kon Tum', component: 'Điểm PCI (có trọng số)', year: 2019, old: { score: 63.5351, rank: 56 }, new: { score: 63.6, rank: 55 } }
		]);
		expect(history[1]).toMatchObject({ sha256: base.sha256, rowsNew: 2, changes: [] });

		// Undone, the batch keeps its counts but no longer holds changes: the old figures are back.
		await undoBatch(second.batchId!, actor('lan'));
		const [undone] = await batchHistory('en');
		expect(undone).toMatchObject({ id: second.batchId, status: 'undone', rowsChanged: 1, changes: [] });
	});
});
