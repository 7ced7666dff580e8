import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { closeDatabase, databasePath, query } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../src/lib/server/import/pipeline.ts';
import { exportObservations } from '../../../../src/lib/server/export.ts';
import { changePlan, checkPlan, entryOf, planHistory } from '../../../../src/lib/server/plans.ts';
import { addUser } from '../../../../src/lib/server/auth/users.ts';
import { runScheduledBackup } from '../../../../src/lib/server/backup-schedule.ts';
import { createSession, sessionUser } from '../../../../src/lib/server/auth/sessions.ts';
import { listAudit, type Actor } from '../../../../src/lib/server/audit.ts';
import {
	BackupError,
	contentSha256,
	createBackup,
	restoreRunning,
	restoreStopped,
	verifyBackup,
	type BackupManifest
} from '../../../../src/lib/server/backup.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-backup-test-'));
const at = (name: string) => path.join(work, name);
// Every case builds or reopens a database: generous on a machine shared with other test runs.
const SLOW = 300_000;
const HOA: Actor = { name: 'hoa', address: '10.0.0.7' };
const CLI: Actor = { name: 'test', address: null };

/** The audit trail, newest first: kind, who, what. */
async function trail(): Promise<{ id: number; entry: string }[]> {
	return (await listAudit({}, null)).entries.map((e) => ({ id: e.id, entry: `${e.kind} ${e.actor} ${e.target}` }));
}

/** What a restore must bring back: the export's bytes, every plan version, the batches. */
async function state() {
	const csv = at(`export-${Math.random().toString(36).slice(2)}.csv`);
	await exportObservations('csv', csv);
	return {
		// One character a byte (latin1): equal strings are equal bytes, compared at once (a Buffer is compared byte by byte).
		csv: fs.readFileSync(csv, 'latin1'),
		plans: await query("SELECT id, version, first_step FROM plans ORDER BY id, version"),
		batches: await query("SELECT id, file_name, status FROM import_batches ORDER BY id")
	};
}

/** After a backup: an import that replaces a figure (PCI 2019 Kon Tum 63.6) and a change of the directive. */
async function changeThings(): Promise<void> {
	await importFile({ file: path.join(FIXTURES, 'pci-2019-kon-tum-changed-synthetic.csv'), importedBy: 'test', replace: true });
	const [directive] = await planHistory('kontum-2023-2030');
	const checked = await checkPlan({ ...entryOf(directive), firstStep: '3' }, 'vi');
	if (!checked.ok) throw new Error('the plan change was refused');
	await changePlan('kontum-2023-2030', checked.value, HOA);
}

/** The BackupError key a promise is refused with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(() => null, (e: unknown) => e);
	if (!(error instanceof BackupError)) throw new Error(`expected a BackupError, got ${String(error)}`);
	return error.key;
}

/** Copies the tar `from` to `to`, letting `edit` change each entry's bytes (the manifest parsed, the others raw). */
async function rewrite(from: string, to: string, edit: (name: string, bytes: Buffer) => Buffer | null): Promise<void> {
	const packer = tar.pack();
	const written = pipeline(packer, fs.createWriteStream(to));
	const extract = tar.extract();
	extract.on('entry', (header, stream, next) => {
		const chunks: Buffer[] = [];
		stream.on('data', (c: Buffer) => chunks.push(c));
		stream.on('end', () => {
			const bytes = edit(header.name, Buffer.concat(chunks));
			if (bytes) packer.entry({ name: header.name, size: bytes.length }, bytes, next);
			else next();
		});
	});
	await pipeline(fs.createReadStream(from), extract);
	packer.finalize();
	await written;
}

const editManifest = (change: (m: BackupManifest) => void) => (name: string, bytes: Buffer) => {
	if (!name.endsWith('manifest.json')) return bytes;
	const m = JSON.parse(bytes.toString('utf8')) as BackupManifest;
	change(m);
	return Buffer.from(JSON.stringify(m));
};

let backup: string;
let atBackup: Awaited<ReturnType<typeof state>>;

beforeAll(async () => {
	useTempDatabase('backup');
	await ensureDatabase();
	await addUser({ name: 'hoa', role: 'admin' }, 'quản trị viên 2026', CLI);
	backup = at('chiso-backup.tar');
	await createBackup(backup, CLI);
	atBackup = await state();
}, SLOW);
afterAll(closeDatabase);

describe('createBackup', () => {
	it('writes one tar whose manifest gives the version, migrations, rows per table and the checksums, and reads back valid', async () => {
		const m = await verifyBackup(backup);
		expect(m).toMatchObject({ format: 'chiso-backup', formatVersion: 1, chisoVersion: '0.1.0' });
		const applied = (await query<{ v: number }>('SELECT version AS v FROM schema_migrations ORDER BY 1')).map((r) => r.v);
		expect(m.migrations).toEqual(applied);
		expect(m.migrationLevel).toBe(applied.at(-1));
		const [{ n }] = await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM observations');
		expect(m.tables.observations).toBe(n);
		expect(m.tables.users).toBe(1);
		expect(Object.keys(m.files)).toContain('observations.parquet');
		expect(m.sha256).toBe(contentSha256(m.files));
		expect(fs.existsSync(`${backup}.partial`)).toBe(false);
	});
});

describe('restore', () => {
	it('server stopped (chiso restore): after an import and a plan change, the export is byte-identical to the one at backup time', async () => {
		await changeThings();
		const changed = await state();
		expect(changed.csv).not.toBe(atBackup.csv);
		expect(changed.plans).not.toEqual(atBackup.plans);

		await closeDatabase();
		await restoreStopped(backup, CLI);
		const restored = await state();
		// The trail is not rolled back: the plan change made after the backup is still there, then the restore.
		const entries = await trail();
		expect(entries.slice(0, 2).map((e) => e.entry)).toEqual(['restore test chiso-backup.tar', 'plan.change hoa kontum-2023-2030']);
		expect(entries.map((e) => e.entry)).toContain('backup test chiso-backup.tar');
		expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
		expect(restored.csv).toBe(atBackup.csv);
		expect(restored.plans).toEqual(atBackup.plans);
		expect(restored.batches).toEqual(atBackup.batches);
		expect(fs.existsSync(`${databasePath()}.restoring`)).toBe(false);
	}, SLOW);

	it('server running (admin restore): the same, sessions of now kept, and the next batch id follows those of the backup', async () => {
		const { token } = await createSession('hoa');
		await changeThings();
		expect((await state()).csv).not.toBe(atBackup.csv);

		await restoreRunning(backup, HOA);
		const restored = await state();
		const entries = await trail();
		expect(entries.slice(0, 2).map((e) => e.entry)).toEqual(['restore hoa chiso-backup.tar', 'plan.change hoa kontum-2023-2030']);
		expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
		expect(restored.csv).toBe(atBackup.csv);
		expect(restored.plans).toEqual(atBackup.plans);
		expect(restored.batches).toEqual(atBackup.batches);
		expect(await sessionUser(token)).toEqual({ name: 'hoa', role: 'admin' });

		const [{ last }] = await query<{ last: number }>('SELECT max(id) AS last FROM import_batches');
		const next = await importFile({ file: path.join(FIXTURES, 'pci-2019-kon-tum-changed-synthetic.csv'), importedBy: 'test', replace: true });
		expect(next.batchId).toBeGreaterThan(last);
		await restoreRunning(backup, HOA);
	}, SLOW);
});

describe('a file that is not a whole chiso backup is refused, the database unchanged', () => {
	const cases: [string, () => Promise<string>, string][] = [
		[
			'truncated (cut in the middle of the observations)',
			async () => {
				const file = at('truncated.tar');
				fs.writeFileSync(file, fs.readFileSync(backup).subarray(0, Math.floor(fs.statSync(backup).size / 2)));
				return file;
			},
			'backup.error.truncated'
		],
		[
			'corrupted (four bytes changed inside observations.parquet)',
			async () => {
				const file = at('corrupted.tar');
				const bytes = fs.readFileSync(backup);
				// A tar header is 512 bytes; the file's own bytes follow it.
				bytes.write('XXXX', bytes.indexOf('chiso-backup/observations.parquet') + 512 + 1000, 'latin1');
				fs.writeFileSync(file, bytes);
				return file;
			},
			'backup.error.corrupted'
		],
		[
			'with a row count that differs from the data',
			async () => {
				const file = at('miscounted.tar');
				await rewrite(backup, file, editManifest((m) => (m.tables.observations += 1)));
				return file;
			},
			'backup.error.corrupted'
		],
		['foreign (a CSV file)', async () => path.join(FIXTURES, 'pci-2019-kon-tum-changed-synthetic.csv'), 'backup.error.foreign'],
		[
			'foreign (a tar without a chiso manifest)',
			async () => {
				const file = at('foreign.tar');
				await rewrite(backup, file, (name, bytes) => (name.endsWith('manifest.json') ? null : bytes));
				return file;
			},
			'backup.error.foreign'
		],
		[
			'made by a newer chiso (a migration this version does not know)',
			async () => {
				const file = at('newer.tar');
				await rewrite(backup, file, editManifest((m) => m.migrations.push(999)));
				return file;
			},
			'backup.error.newer'
		],
		['missing', async () => at('no-such-backup.tar'), 'backup.error.missing']
	];

	// Changed since the backup, so that a restore that went through would show.
	let before: Awaited<ReturnType<typeof state>>;
	beforeAll(async () => {
		await changeThings();
		before = await state();
		expect(before.csv).not.toBe(atBackup.csv);
	}, SLOW);

	it.each(cases)('%s', async (_, make, key) => {
		const file = await make();
		expect(await refusal(restoreRunning(file, HOA))).toBe(key);
		expect(await state()).toEqual(before);
		await closeDatabase();
		expect(await refusal(restoreStopped(file, CLI))).toBe(key);
		expect(await state()).toEqual(before);
		expect(fs.existsSync(`${databasePath()}.restoring`)).toBe(false);
	}, SLOW);
});

describe('runScheduledBackup', () => {
	it('writes a checked backup named by its time into the folder and keeps only the newest `keep`, other files untouched', async () => {
		const dir = at('daily');
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'before-upgrade.tar'), 'kept by hand');
		const schedule = { dir, hour: 2, minute: 30, keep: 2 };
		for (const day of [25, 26, 27]) await runScheduledBackup(schedule, new Date(2026, 10, day, 2, 30));
		expect(fs.readdirSync(dir).sort()).toEqual(['before-upgrade.tar', 'chiso-backup-20261126-023000.tar', 'chiso-backup-20261127-023000.tar']);
		expect((await verifyBackup(path.join(dir, 'chiso-backup-20261127-023000.tar'))).format).toBe('chiso-backup');
	}, SLOW);
});
