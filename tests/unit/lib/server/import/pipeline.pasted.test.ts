/**
 * A PAR INDEX table pasted from a PDF report (synthetic figures): multi-space
 * columns, decimal commas, rank prefixes, NFD text, a title and a note. It goes
 * through the same pipeline as a file and every figure equals the pasted one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { discardPrepared, prepareImport, stagedObservations } from '../../../../../src/lib/server/import/pipeline.ts';
import { pastedToTsv } from '../../../../../src/lib/domain/pasted-table.ts';

beforeAll(async () => {
	useTempDatabase('pasted');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

const PASTED_PAR_INDEX = [
	'Bảng 2. Chỉ số CCHC năm 2023 của các tỉnh, thành phố',
	'Xếp hạng    Tỉnh, thành phố        Chỉ số CCHC (%)',
	'1.          Hải Phòng              92,57',
	'2.          Quảng Ninh             91,04',
	'03          TP. Hồ Chí Minh        88,5',
	'4. Kon Tum 85,12',
	'',
	'Ghi chú: số liệu tổng hợp'
].join('\n').normalize('NFD');

describe('a PAR INDEX table pasted from a PDF', () => {
	it('imports every figure as pasted, ranks of the four ranked provinces', async () => {
		const file = writeTempFile('bang-dan-synthetic.tsv', pastedToTsv(PASTED_PAR_INDEX));
		const prepared = await prepareImport({ file, indexId: 'PAR_INDEX', year: 2023 });
		const figures = (await stagedObservations(prepared)).map((o) => `${o.unitCode} ${o.componentId} ${o.score} ${o.publishedRank}/${o.publishedN}`);
		discardPrepared(prepared);
		expect(figures).toEqual(['31 total 92.57 1/4', '22 total 91.04 2/4', '79 total 88.5 3/4', '62 total 85.12 4/4']);
		expect(prepared.layout?.skippedLines).toEqual([{ at: '7', text: 'Ghi chú: số liệu tổng hợp', kind: 'note' }]);
	});
});
