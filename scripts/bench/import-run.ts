/**
 * Child of the import benchmark, one run: `tsx scripts/bench/import-run.ts
 * pipeline|raw FILE` on the database CHISO_DB. `pipeline` imports the file
 * through chiso's whole import (parse, validate, diff, commit); `raw` is the
 * floor: DuckDB's own `read_csv` of the same file into a plain table, under
 * the same memory cap. The clock starts once the database is open. `ms` stops
 * when the import (the floor's CREATE TABLE) has committed; `closedMs` adds
 * the close of the database, when DuckDB writes what the commit left in its
 * log into the database file (a checkpoint). Prints {ms, closedMs, rows, peakRssMb}.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { BATCH_MEMORY_LIMIT, closeDatabase, database, databaseOptions, databasePath } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/pipeline.ts';
import { peakRssMb } from './child.ts';
import { timed } from './stats.ts';

const [mode, file] = process.argv.slice(2);
// As `chiso import` runs, and the floor under the same memory cap.
process.env.CHISO_MEMORY_LIMIT ??= BATCH_MEMORY_LIMIT;
let rows: number;
let ms: number;
let closeMs: number;
if (mode === 'pipeline') {
	await database();
	const start = performance.now();
	const result = await importFile({ file, importedBy: 'bench', source: 'synthetic (npm run bench)' });
	ms = performance.now() - start;
	if (result.status !== 'committed') throw new Error(`import ${result.status}`);
	rows = result.rows;
	closeMs = await timed(closeDatabase);
} else if (mode === 'raw') {
	const instance = await DuckDBInstance.create(databasePath(), databaseOptions());
	const connection = await instance.connect();
	const start = performance.now();
	await connection.run(`CREATE TABLE raw_figures AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}')`);
	ms = performance.now() - start;
	rows = Number((await connection.runAndReadAll('SELECT count(*) FROM raw_figures')).getRows()[0][0]);
	closeMs = await timed(() => (connection.closeSync(), instance.closeSync()));
} else {
	throw new Error(`mode must be pipeline or raw, not ${mode}`);
}
console.log(JSON.stringify({ ms, closedMs: ms + closeMs, rows, peakRssMb: peakRssMb() }));
