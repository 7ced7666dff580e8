import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../src/lib/server/import/pipeline.ts';
import { exportObservations } from '../../../../src/lib/server/export.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-export-'));

/** A fresh database holding three figures that exercise quoting, exact decimals and sorting. */
async function seeded(label: string) {
	await closeDatabase();
	useTempDatabase(label);
	await ensureDatabase({ empty: true });
	await importFile({
		file: writeTempFile(
			'synthetic-export.csv',
			`${HEADER}\nPCI,2019,Kon Tum,,63.5351,56,63,published,"https://a.example/x?a=1,2","say ""hi""; ok"\n` +
				'PAPI,2016,Hà Nội,papi_d1,5.337698459625244,,,,,\nPCI,2019,Kon Tum,pci_s1,0.0000001,,,derived,,\n'
		),
		importedBy: 'test'
	});
}

beforeAll(() => seeded('export'));
afterAll(closeDatabase);

describe('exportObservations', () => {
	it('writes canonical long CSV sorted by index, year, unit code and component, with exact numbers and quoting', async () => {
		const out = path.join(dir(), 'all.csv');
		expect(await exportObservations('csv', out)).toBe(3);
		expect(fs.readFileSync(out, 'utf8')).toBe(
			`${HEADER}\n` +
				'PAPI,2016,01,papi_d1,5.337698459625244,,,published,,\n' +
				'PCI,2019,62,pci_s1,0.0000001,,,derived,,\n' +
				'PCI,2019,62,total,63.5351,56,63,published,"https://a.example/x?a=1,2","say ""hi""; ok"\n'
		);
	});

	it.each(['csv', 'parquet', 'arrow'] as const)('a %s export imports back into an empty database to the same CSV export', async (format) => {
		await seeded(`export-${format}-from`);
		const first = path.join(dir(), 'first.csv');
		await exportObservations('csv', first);
		const file = path.join(dir(), `all.${format === 'arrow' ? 'arrow' : format}`);
		await exportObservations(format, file);
		await closeDatabase();
		useTempDatabase(`export-${format}`);
		await ensureDatabase({ empty: true });
		await importFile({ file, importedBy: 'test' });
		const second = path.join(dir(), 'second.csv');
		await exportObservations('csv', second);
		expect(fs.readFileSync(second).equals(fs.readFileSync(first))).toBe(true);
		expect(await query('SELECT count(*)::INTEGER AS n FROM observations')).toEqual([{ n: 3 }]);
	});
});
