/**
 * Backups and restores of the whole database, as one tar file: DuckDB's
 * `EXPORT DATABASE` (schema.sql, load.sql, a Parquet file a table) plus a
 * `manifest.json` (chiso version, migrations, rows per table, sequence values,
 * SHA-256 of every file and of the whole). Called by `chiso backup|restore`,
 * the admin's /admin/backup page and its download endpoint, and the daily
 * schedule (backup-schedule.ts).
 *
 * Why EXPORT DATABASE and not a copy of the .duckdb file: it is one statement
 * in one read transaction of the server's own process, so it needs no lock on
 * writers beyond the commit gate (`withCommitsHeld`: pages keep reading, a
 * COMMIT waits the few hundred milliseconds it takes); a copied file would be
 * consistent only with every write, the session table's included, stopped
 * while it is copied, and would hold DuckDB's storage format. Parquet is read
 * by any DuckDB, pandas or R; the shipped data exports to 0.2 MB where the file
 * is 7 MB.
 *
 * A restore never touches the live database until the whole file has passed:
 * the tar is read (a truncated or foreign file fails here), every file's
 * SHA-256 is checked against the manifest, the export is imported into a new
 * scratch database which is migrated to this version's schema, and its rows
 * are counted against the manifest. Only then is it swapped in: by renaming
 * the scratch file over the database (`chiso restore`, server stopped), or in
 * one transaction that replaces every table's rows (`restoreRunning`, server
 * running: writers wait, readers see the old state until its COMMIT, then the
 * restored one).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { DuckDBInstance, type DuckDBConnection } from './duckdb.ts';
import type { MessageKey } from '../i18n/index.ts';
import '../i18n/areas/backup.ts';
import { databaseOptions, databasePath, exclusiveTransaction, rowsOn, transaction, withCommitsHeld, withConnection } from './db.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { AUDIT_TABLE, carryAuditTrail, recordAudit, type Actor } from './audit.ts';
import chisoPackage from '../../../package.json' with { type: 'json' };

export const BACKUP_FORMAT = 'chiso-backup';
const FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';
/** Every entry of the tar sits in this folder, so unpacking it by hand makes one folder. */
const FOLDER = 'chiso-backup';

/**
 * Tables a restore leaves as they are: sign-in sessions and attempts are the
 * credentials and rate limits of now, not data; restoring them would bring
 * back sessions revoked since the backup. (After `chiso restore`, which
 * replaces the file, they start empty: everyone signs in again.) The audit
 * trail (AUDIT_TABLE) is not rolled back either: it records what happened, the
 * restore included; `chiso restore` carries it into the restored file.
 */
export const KEPT_ON_RESTORE = ['sessions', 'signin_attempts'];

/** What a backup holds and how to check it; the first entry of the tar. */
export interface BackupManifest {
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	chisoVersion: string;
	createdAt: string;
	/** The highest migration applied to the database it was taken from (its schema level)… */
	migrationLevel: number;
	/** …and every one applied: branches may land their migrations out of order, so the list is what counts. */
	migrations: number[];
	/** Rows per table at the moment of the backup. */
	tables: Record<string, number>;
	/** Each sequence's last value handed out: a restore continues after it. */
	sequences: Record<string, number>;
	/** SHA-256 of every other file in the tar, by name. */
	files: Record<string, string>;
	/** SHA-256 of the sorted `name sha256` lines of `files`: one figure for the whole content. */
	sha256: string;
}

/** A backup refused, with the message key that says why (in the interface language) and its parameters. */
export class BackupError extends Error {
	constructor(
		readonly key: MessageKey,
		readonly params: Record<string, string | number> = {}
	) {
		super(`${key} ${JSON.stringify(params)}`);
	}
}

/** A backup just written: where, and its manifest. */
export interface BackupTaken {
	file: string;
	/** The name the audit trail records: the file's, or the download's for a temporary file. */
	name: string;
	bytes: number;
	manifest: BackupManifest;
	/** Who asked for it: an account, the command line's user or the schedule. */
	by: Actor;
}

/** A restore just swapped in: from which file, what it held, and who did it. */
export interface RestoreDone {
	file: string;
	/** The name the audit trail records: the file's, or the upload's. */
	name: string;
	manifest: BackupManifest;
	by: Actor;
}

/**
 * Records that a backup was taken. The one place every backup (command line,
 * admin download, schedule) reports to; the audit trail records it here.
 */
export async function backupTaken(taken: BackupTaken): Promise<void> {
	const { name, bytes, manifest, by } = taken;
	await transaction((connection) =>
		recordAudit(connection, {
			kind: 'backup',
			actor: by,
			target: name,
			detail: { bytes, sha256: manifest.sha256, migration: manifest.migrationLevel, figures: manifest.tables.observations ?? 0 }
		})
	);
}

/**
 * Records that a restore was swapped in; called with the connection of the
 * transaction that swaps it (running server) or that follows the swap
 * (`chiso restore`), so the audit trail can write in the same transaction.
 */
export async function restoreDone(connection: DuckDBConnection, done: RestoreDone): Promise<void> {
	const { name, manifest, by } = done;
	await recordAudit(connection, {
		kind: 'restore',
		actor: by,
		target: name,
		detail: { backupOf: manifest.createdAt, sha256: manifest.sha256, figures: manifest.tables.observations ?? 0 }
	});
}

const sha256File = (file: string) =>
	new Promise<string>((resolve, reject) => {
		const hash = crypto.createHash('sha256');
		fs.createReadStream(file)
			.on('error', reject)
			.on('data', (chunk) => hash.update(chunk))
			.on('end', () => resolve(hash.digest('hex')));
	});

/** The SHA-256 of a backup's whole content, from its files' own (manifest.sha256). */
export function contentSha256(files: Record<string, string>): string {
	const lines = Object.keys(files)
		.sort()
		.map((name) => `${name} ${files[name]}\n`);
	return crypto.createHash('sha256').update(lines.join('')).digest('hex');
}

/** A folder for a backup's files beside the database (same disk, so no /tmp of a few hundred MB fills up). */
function workFolder(label: string): string {
	const parent = path.dirname(databasePath());
	fs.mkdirSync(parent, { recursive: true });
	return fs.mkdtempSync(path.join(parent, `.${label}-`));
}

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

/** Rows per table of the connection's current database, its sequences' last values and its migrations. */
async function describe(connection: DuckDBConnection): Promise<Pick<BackupManifest, 'tables' | 'sequences' | 'migrations'>> {
	const names = await rowsOn<{ name: string }>(
		connection,
		`SELECT table_name AS name FROM duckdb_tables()
		  WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name`
	);
	const tables: Record<string, number> = {};
	for (const { name } of names) {
		if (!SQL_NAME.test(name)) throw new Error(`unexpected table name ${name}`);
		const [{ n }] = await rowsOn<{ n: number }>(connection, `SELECT count(*)::BIGINT::DOUBLE AS n FROM main.${name}`);
		tables[name] = n;
	}
	const sequences: Record<string, number> = {};
	const seqs = await rowsOn<{ name: string; last: number | null; start: number }>(
		connection,
		`SELECT sequence_name AS name, last_value::DOUBLE AS last, start_value::DOUBLE AS start FROM duckdb_sequences()
		  WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary`
	);
	for (const s of seqs) sequences[s.name] = s.last ?? s.start - 1;
	const migrations = (await rowsOn<{ v: number }>(connection, 'SELECT version AS v FROM schema_migrations ORDER BY version')).map((r) => r.v);
	return { tables, sequences, migrations };
}

/**
 * Writes a backup of the open database to `out` (through `out.partial`, so a
 * failed backup never leaves a file that looks whole), reads it back to check
 * it, and reports it (`backupTaken`). Returns what it wrote.
 */
export async function createBackup(out: string, by: Actor, name = path.basename(out)): Promise<BackupTaken> {
	const dir = workFolder('backup');
	const partial = `${out}.partial`;
	try {
		const exported = path.join(dir, 'export');
		// One read transaction: EXPORT and the counts see the same state, and no COMMIT runs meanwhile (issue 19).
		const described = await withCommitsHeld(async (connection) => {
			await connection.run('BEGIN TRANSACTION');
			try {
				await connection.run(`EXPORT DATABASE ${sqlString(exported)} (FORMAT parquet)`);
				return await describe(connection);
			} finally {
				await connection.run('COMMIT');
			}
		});
		const files: Record<string, string> = {};
		for (const name of fs.readdirSync(exported).sort()) files[name] = await sha256File(path.join(exported, name));
		const manifest: BackupManifest = {
			format: BACKUP_FORMAT,
			formatVersion: FORMAT_VERSION,
			chisoVersion: chisoPackage.version,
			createdAt: new Date().toISOString(),
			...described,
			migrationLevel: Math.max(...described.migrations),
			files,
			sha256: contentSha256(files)
		};
		fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
		await pack(partial, manifest, exported);
		await verifyBackup(partial);
		fs.renameSync(partial, out);
		const taken = { file: out, name, bytes: fs.statSync(out).size, manifest, by };
		await backupTaken(taken);
		return taken;
	} finally {
		fs.rmSync(partial, { force: true });
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Writes the tar: the manifest first (a reader knows what to expect before any data), then the files. */
async function pack(out: string, manifest: BackupManifest, dir: string): Promise<void> {
	const packer = tar.pack();
	const written = pipeline(packer, fs.createWriteStream(out));
	const add = (name: string, write: (entry: NodeJS.WritableStream) => Promise<void>, size: number) =>
		new Promise<void>((resolve, reject) => {
			const entry = packer.entry({ name: `${FOLDER}/${name}`, size, mode: 0o644 }, (error) => (error ? reject(error) : resolve()));
			write(entry).catch(reject);
		});
	const json = Buffer.from(JSON.stringify(manifest, null, '\t') + '\n');
	await add(MANIFEST, async (entry) => void entry.end(json), json.length);
	for (const name of Object.keys(manifest.files)) {
		const file = path.join(dir, name);
		await add(name, (entry) => pipeline(fs.createReadStream(file), entry), fs.statSync(file).size);
	}
	packer.finalize();
	await written;
}

/**
 * Unpacks the backup `file` into `dir` and checks it against its manifest:
 * a tar whose first entry is a chiso manifest, every listed file present with
 * its SHA-256 and nothing else, made by a chiso whose migrations this one
 * knows. Throws BackupError saying what is wrong; returns the manifest.
 */
export async function unpackBackup(file: string, dir: string): Promise<BackupManifest> {
	let manifest: BackupManifest | null = null;
	const seen = new Set<string>();
	const extract = tar.extract();
	extract.on('entry', (header, stream, next) => {
		const name = header.name.startsWith(`${FOLDER}/`) ? header.name.slice(FOLDER.length + 1) : '';
		const fail = (error: BackupError) => {
			stream.resume();
			next(error);
		};
		if (!manifest && name !== MANIFEST) return fail(new BackupError('backup.error.foreign', { file }));
		// Plain names only: nothing a crafted tar could write outside `dir`.
		if (header.type !== 'file' || !/^[\w-][\w.-]*$/.test(name) || seen.has(name)) return fail(new BackupError('backup.error.foreign', { file }));
		if (manifest && !(name in manifest.files)) return fail(new BackupError('backup.error.foreign', { file }));
		seen.add(name);
		if (name === MANIFEST) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				try {
					manifest = parseManifest(Buffer.concat(chunks).toString('utf8'), file);
					next();
				} catch (error) {
					next(error);
				}
			});
			return;
		}
		pipeline(stream, fs.createWriteStream(path.join(dir, name))).then(() => next(), next);
	});
	try {
		await pipeline(fs.createReadStream(file), extract);
	} catch (error) {
		if (error instanceof BackupError) throw error;
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError('backup.error.missing', { file });
		// tar-stream: "Unexpected end of data" for a cut file, "Invalid tar header" for anything else.
		throw new BackupError(manifest ? 'backup.error.truncated' : 'backup.error.foreign', { file });
	}
	const found = manifest as BackupManifest | null;
	if (!found) throw new BackupError('backup.error.foreign', { file });
	const missing = Object.keys(found.files).filter((name) => !seen.has(name));
	if (missing.length > 0) throw new BackupError('backup.error.truncated', { file, missing: missing.join(', ') });
	for (const [name, sha] of Object.entries(found.files)) {
		if ((await sha256File(path.join(dir, name))) !== sha) throw new BackupError('backup.error.corrupted', { file, part: name });
	}
	if (contentSha256(found.files) !== found.sha256) throw new BackupError('backup.error.corrupted', { file, part: MANIFEST });
	const known = new Set(MIGRATIONS.map((m) => m.version));
	const unknown = found.migrations.filter((v) => !known.has(v));
	if (unknown.length > 0) throw new BackupError('backup.error.newer', { file, version: found.chisoVersion });
	return found;
}

/** The manifest's JSON, checked for the fields a restore relies on; anything else is a foreign file. */
function parseManifest(text: string, file: string): BackupManifest {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new BackupError('backup.error.foreign', { file });
	}
	const m = value as Partial<BackupManifest> | null;
	const numbers = (o: unknown) => typeof o === 'object' && o !== null && Object.values(o).every((n) => typeof n === 'number');
	const texts = (o: unknown) => typeof o === 'object' && o !== null && Object.values(o).every((s) => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s));
	if (
		m?.format !== BACKUP_FORMAT ||
		m.formatVersion !== FORMAT_VERSION ||
		!Number.isInteger(m.migrationLevel) ||
		!Array.isArray(m.migrations) ||
		!m.migrations.every((v) => Number.isInteger(v)) ||
		!numbers(m.tables) ||
		!numbers(m.sequences) ||
		!texts(m.files) ||
		typeof m.sha256 !== 'string' ||
		!Object.keys(m.tables!).every((name) => SQL_NAME.test(name)) ||
		!Object.keys(m.sequences!).every((name) => SQL_NAME.test(name))
	) {
		throw new BackupError('backup.error.foreign', { file });
	}
	return m as BackupManifest;
}

/** Reads the backup `file` through and checks it (see unpackBackup) without keeping anything; returns its manifest. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
	const dir = workFolder('verify');
	try {
		return await unpackBackup(file, dir);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Makes sure the next value of each sequence comes after the one the backup
 * had handed out: DuckDB's EXPORT writes a sequence as `START <last value>`,
 * which would hand that value out again (a batch id already in use).
 */
async function continueSequences(connection: DuckDBConnection, sequences: Record<string, number>): Promise<void> {
	for (const [name, last] of Object.entries(sequences)) {
		const [row] = await rowsOn<{ last: number | null; start: number }>(
			connection,
			`SELECT last_value::DOUBLE AS last, start_value::DOUBLE AS start FROM duckdb_sequences()
			  WHERE database_name = current_database() AND schema_name = 'main' AND sequence_name = $1`,
			[name]
		);
		if (!row) continue;
		const next = row.last === null ? row.start : row.last + 1;
		if (next <= last) await connection.run(`SELECT max(nextval('${name}')) FROM range(${last - next + 1})`);
	}
}

/** Runs `fn` on a connection to a DuckDB instance of its own on the file `target`, closed afterwards. */
async function onInstance(target: string, fn: (connection: DuckDBConnection) => Promise<void>): Promise<void> {
	const instance = await DuckDBInstance.create(target, databaseOptions());
	try {
		const connection = await instance.connect();
		try {
			await fn(connection);
		} finally {
			connection.closeSync();
		}
	} finally {
		instance.closeSync();
	}
}

/**
 * Builds a new database file `target` from an unpacked backup in `dir`: IMPORT
 * DATABASE and the rows counted against the manifest, then sequences
 * continued, sessions and sign-in attempts emptied, and this version's
 * migrations. Throws BackupError when the rows differ from the manifest or
 * DuckDB cannot read the files.
 */
async function buildFromBackup(dir: string, manifest: BackupManifest, target: string, file: string, trailFrom: string | null): Promise<void> {
	try {
		// schema.sql and load.sql come from the file: they run in an instance that can reach no file but the
		// unpacked backup (and its own), with the settings locked, so a crafted backup can write nowhere else.
		await onInstance(target, async (connection) => {
			await connection.run(`SET allowed_directories = [${sqlString(dir)}]`);
			await connection.run('SET enable_external_access = false');
			await connection.run('SET lock_configuration = true');
			await connection.run(`IMPORT DATABASE ${sqlString(dir)}`);
			const { tables } = await describe(connection);
			const differs = Object.entries(manifest.tables).find(([name, n]) => tables[name] !== n);
			if (differs || Object.keys(tables).length !== Object.keys(manifest.tables).length) {
				throw new BackupError('backup.error.corrupted', { file, part: differs?.[0] ?? MANIFEST });
			}
		});
		// Our own SQL only from here on; migrations read data/reference, so file access is back.
		await onInstance(target, async (connection) => {
			await continueSequences(connection, manifest.sequences);
			for (const name of KEPT_ON_RESTORE) if (name in manifest.tables) await connection.run(`DELETE FROM ${name}`);
			await migrate(connection);
			if (trailFrom) await carryTrail(connection, trailFrom);
		});
	} catch (error) {
		if (error instanceof BackupError) throw error;
		// The checksums passed, so the files are what was written; DuckDB could still not read them back.
		throw new BackupError('backup.error.unreadable', { file, reason: error instanceof Error ? error.message : String(error) });
	}
}

/** Carries the audit trail of the database being replaced (`live`) into the restored one (see carryAuditTrail). */
async function carryTrail(connection: DuckDBConnection, live: string): Promise<void> {
	if (!fs.existsSync(live)) return;
	await connection.run(`ATTACH ${sqlString(live)} AS chiso_live (READ_ONLY)`);
	try {
		const last = await carryAuditTrail(connection, 'chiso_live');
		if (last !== null) await continueSequences(connection, { audit_ids: last });
	} finally {
		await connection.run('DETACH chiso_live');
	}
}

/**
 * Unpacks and checks `file`, then builds the scratch database `target` from
 * it, with the audit trail of `trailFrom` when given; returns the manifest.
 */
async function prepareRestore(file: string, target: string, trailFrom: string | null): Promise<BackupManifest> {
	const dir = workFolder('restore');
	try {
		const manifest = await unpackBackup(file, dir);
		await buildFromBackup(dir, manifest, target, file, trailFrom);
		return manifest;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const removeDatabaseFile = (file: string) => {
	fs.rmSync(file, { force: true });
	fs.rmSync(`${file}.wal`, { force: true });
};

/**
 * `chiso restore`: replaces the database file by the backup `file`, with no
 * server running (the caller has checked that it can open the database, so
 * no other process holds it, and closed it again). The scratch file is renamed
 * over the database: at every moment the path holds the old database or the
 * restored one, whole.
 */
export async function restoreStopped(file: string, by: Actor): Promise<BackupManifest> {
	const live = databasePath();
	const scratch = `${live}.restoring`;
	removeDatabaseFile(scratch);
	try {
		const manifest = await prepareRestore(file, scratch, live);
		// A clean close left no WAL behind; one left by a crash belongs to the old file and must not be replayed on this one.
		fs.rmSync(`${live}.wal`, { force: true });
		fs.renameSync(scratch, live);
		await transaction((connection) => restoreDone(connection, { file, name: path.basename(file), manifest, by }));
		return manifest;
	} finally {
		removeDatabaseFile(scratch);
	}
}

/**
 * The admin's restore on the running server: the backup `file` is checked and
 * built into a scratch database first (nothing changes if it fails), then one
 * exclusive transaction replaces the rows of every table (those of
 * KEPT_ON_RESTORE aside) with the scratch database's. Writers wait for it;
 * pages read the old state until its COMMIT and the restored one after.
 */
export async function restoreRunning(file: string, by: Actor, name = path.basename(file)): Promise<BackupManifest> {
	const scratch = `${databasePath()}.restoring`;
	removeDatabaseFile(scratch);
	const alias = 'chiso_restore';
	try {
		const manifest = await prepareRestore(file, scratch, null);
		await withConnection((connection) => connection.run(`ATTACH ${sqlString(scratch)} AS ${alias} (READ_ONLY)`));
		try {
			await exclusiveTransaction(async (connection) => {
				const { tables } = await describe(connection);
				for (const name of Object.keys(tables)) {
					if (KEPT_ON_RESTORE.includes(name) || name === AUDIT_TABLE) continue;
					await connection.run(`DELETE FROM main.${name}`);
					// By name: the live table's columns may be in another order (migrations of two branches applied in turn).
					await connection.run(`INSERT INTO main.${name} BY NAME SELECT * FROM ${alias}.main.${name}`);
				}
				await continueSequences(connection, manifest.sequences);
				await restoreDone(connection, { file, name, manifest, by });
			});
		} finally {
			await withConnection((connection) => connection.run(`DETACH ${alias}`));
		}
		return manifest;
	} finally {
		removeDatabaseFile(scratch);
	}
}
