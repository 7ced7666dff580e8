/**
 * The benchmark's data, built once per work folder and reused: synthetic data
 * folders (reference CSVs) per scale, synthetic canonical CSVs per size, and
 * databases: empty templates (reference only) and full ones at province and
 * commune scale, built through chiso's own import. A file that exists is
 * kept: same seed, same bytes, so a second run skips the building.
 */
import fs from 'node:fs';
import path from 'node:path';
import { figureCount, writeSyntheticFigures, writeSyntheticReference, type SyntheticScale } from '../synthetic/generate.ts';
import { runChild, runTsx } from './child.ts';

export const SEED = 1;

export interface Scale {
	name: 'province' | 'commune';
	scale: SyntheticScale;
}

/** `dir/<name>-data`: the synthetic data folder of a scale (use as CHISO_DATA). */
export function dataFolder(dir: string, { name, scale }: Scale): string {
	const folder = path.join(dir, `${name}-data`);
	if (!fs.existsSync(path.join(folder, 'reference', 'units.csv'))) writeSyntheticReference(folder, scale);
	return folder;
}

/** A synthetic canonical CSV of the first `rows` figures of a scale. */
export async function figuresCsv(dir: string, { name, scale }: Scale, rows = figureCount(scale)): Promise<string> {
	const file = path.join(dir, `${name}-${rows}-seed${SEED}-synthetic.csv`);
	if (!fs.existsSync(file)) {
		await writeSyntheticFigures(`${file}.part`, scale, { rows, seed: SEED });
		fs.renameSync(`${file}.part`, file);
	}
	return file;
}

/** A database with the scale's reference data and no figures (built by `chiso init --empty`). */
export async function emptyDatabase(dir: string, scale: Scale): Promise<string> {
	const file = path.join(dir, `${scale.name}-empty.duckdb`);
	if (!fs.existsSync(file)) {
		await runTsx('scripts/chiso.ts', ['init', '--empty', '--db', `${file}.part`], { CHISO_DATA: dataFolder(dir, scale) });
		fs.renameSync(`${file}.part`, file);
	}
	return file;
}

/** A fresh copy of a database file (its WAL is checkpointed on close, so the file alone is the database). */
export function copyDatabase(template: string, to: string): string {
	fs.rmSync(to, { force: true });
	fs.rmSync(`${to}.wal`, { force: true });
	fs.copyFileSync(template, to);
	return to;
}

/** A database holding every figure of a scale, imported through the pipeline; returns it and how long the import took. */
export async function fullDatabase(dir: string, scale: Scale): Promise<{ file: string; importMs: number | null }> {
	const file = path.join(dir, `${scale.name}-full.duckdb`);
	if (fs.existsSync(file)) return { file, importMs: null };
	const csv = await figuresCsv(dir, scale);
	copyDatabase(await emptyDatabase(dir, scale), `${file}.part`);
	const run = await runChild<{ ms: number }>('scripts/bench/import-run.ts', ['pipeline', csv], {
		CHISO_DB: `${file}.part`,
		CHISO_DATA: dataFolder(dir, scale)
	});
	fs.renameSync(`${file}.part`, file);
	return { file, importMs: run.ms };
}

/** The shipped data's database (`chiso init`), for the pages and the PDF at today's real size. */
export async function shippedDatabase(dir: string): Promise<string> {
	const file = path.join(dir, 'shipped.duckdb');
	if (!fs.existsSync(file)) {
		await runTsx('scripts/chiso.ts', ['init', '--db', `${file}.part`], { CHISO_DATA: path.resolve('data') });
		fs.renameSync(`${file}.part`, file);
	}
	return file;
}
