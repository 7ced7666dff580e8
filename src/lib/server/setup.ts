/**
 * Builds a database on first start: schema, reference data, then every shipped
 * figure file through the same import pipeline analysts use (one batch a file).
 * Starting again on a built database does nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { query, transaction } from './db.ts';
import { dataDir, loadImportReference, loadReferenceData } from './reference-load.ts';
import { importFile, type ImportResult } from './import/pipeline.ts';
import { refreshAllRanks } from './queries/rank-refresh.ts';

/** Who the shipped batches are recorded as imported by. */
export const SHIPPED_BY = 'chiso (shipped data)';

/** The shipped figure files, in the order they are imported. */
export function shippedFigureFiles(): string[] {
	const dir = path.join(dataDir(), 'figures');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.csv'))
		.sort()
		.map((f) => path.join(dir, f));
}

/**
 * Makes sure the database has its reference data and, unless it was created
 * empty, the shipped figures. A new database gets them on first use (server
 * start or any command); `empty` creates it without them, `shipped` adds them
 * to one that was created empty. Returns the imports it ran.
 */
export async function ensureDatabase(options: { empty?: boolean; shipped?: boolean } = {}): Promise<ImportResult[]> {
	const [{ n }] = await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM units');
	if (n === 0) {
		await transaction(async (connection) => {
			await loadReferenceData(connection);
			// Units and their validity decide the cohort sizes, hence every computed rank.
			await refreshAllRanks(connection);
			await connection.run("INSERT INTO settings VALUES ('shipped_data', $1)", [options.empty ? 'declined' : 'pending']);
		});
	} else if (options.shipped) {
		await query("UPDATE settings SET value = 'pending' WHERE key = 'shipped_data' AND value = 'declined'");
	}
	const [{ aliases }] = await query<{ aliases: number }>('SELECT count(*)::INTEGER AS aliases FROM component_aliases');
	if (aliases === 0) await transaction(loadImportReference);
	const [state] = await query<{ value: string }>("SELECT value FROM settings WHERE key = 'shipped_data'");
	if (state?.value !== 'pending') return [];

	// A shipped file is imported once: never again after an analyst undoes it,
	// and a first start that was interrupted picks up where it stopped.
	const seen = new Set((await query<{ sha256: string }>('SELECT sha256 FROM import_batches')).map((b) => b.sha256));
	const results = [];
	for (const file of shippedFigureFiles()) {
		if (seen.has(sha256Of(file))) continue;
		results.push(await importFile({ file, importedBy: SHIPPED_BY, source: 'data/SOURCES.md' }));
	}
	await query("UPDATE settings SET value = 'loaded' WHERE key = 'shipped_data'");
	return results;
}

function sha256Of(file: string): string {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
