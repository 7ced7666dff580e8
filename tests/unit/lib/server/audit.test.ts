import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../helpers/temp-db.ts';
import { actor } from '../../../helpers/actor.ts';
import { closeDatabase, query, transaction } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { auditConditions, listAudit, recordAudit, type AuditEntry } from '../../../../src/lib/server/audit.ts';
import { importFile } from '../../../../src/lib/server/import/pipeline.ts';
import { undoBatch } from '../../../../src/lib/server/import/batches.ts';
import { savePreset } from '../../../../src/lib/server/import/presets.ts';
import { addPlan, changePlan, retirePlan } from '../../../../src/lib/server/plans.ts';
import { AccountError, addUser, findUser, removeUser, resetPassword, setRole, signOutEverywhere } from '../../../../src/lib/server/auth/users.ts';
import { createSession, revokeSession } from '../../../../src/lib/server/auth/sessions.ts';
import { signIn } from '../../../../src/lib/server/auth/signin.ts';
import { verifyPassword } from '../../../../src/lib/server/auth/passwords.ts';
import type { PlanDraft } from '../../../../src/lib/domain/plan-entry.ts';
import type { AuditKind } from '../../../../src/lib/domain/audit.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
const T0 = new Date('2026-03-02T08:00:00Z');
const HOA = actor('hoa', '10.0.0.7');

beforeAll(async () => {
	useTempDatabase('audit');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

/** The entries of `kind`, newest first. */
const entriesOf = async (kind: AuditKind): Promise<AuditEntry[]> => (await listAudit({ kind }, null)).entries;
const count = async () => (await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM audit_log'))[0].n;

/** Runs a write that must be refused, and says how many audit entries it left (none, when its transaction rolled back). */
async function entriesLeftBy(write: () => Promise<unknown>): Promise<number> {
	const before = await count();
	await expect(write()).rejects.toBeDefined();
	return (await count()) - before;
}

describe('recordAudit', () => {
	it('is committed with its transaction: one entry when the change commits, none when it rolls back', async () => {
		const before = await count();
		await expect(
			transaction(async (connection) => {
				await recordAudit(connection, { kind: 'backup', actor: HOA, target: 'rolled-back.zip' });
				throw new Error('the backup failed after its entry was written');
			})
		).rejects.toThrow('the backup failed');
		expect(await count()).toBe(before);

		await transaction((connection) => recordAudit(connection, { kind: 'backup', actor: HOA, target: 'kept.zip', detail: { bytes: 1024 }, at: T0 }));
		expect(await count()).toBe(before + 1);
		expect(await entriesOf('backup')).toEqual([
			{ id: expect.any(Number), at: '2026-03-02 08:00:00', actor: 'hoa', address: '10.0.0.7', kind: 'backup', target: 'kept.zip', detail: { bytes: 1024 } }
		]);
	});
});

describe('every write is audited once, with who and from where; a refused one not at all', () => {
	it('import, replace and undo', async () => {
		const importText = (name: string, text: string, replace = false) =>
			importFile({ file: writeTempFile(name, `${HEADER}\n${text}`), importedBy: 'lan', address: '10.0.0.8', replace });
		const first = await importText('synthetic-audit-1.csv', 'PCI,2019,Kon Tum,,63.5351,56,63,,,\nPCI,2019,Gia Lai,,62.1,60,63,,,\n');
		const imports = await entriesOf('import');
		expect(imports).toMatchObject([{ actor: 'lan', address: '10.0.0.8', target: String(first.batchId) }]);
		// A CSV has no sheet: none is recorded.
		expect(imports[0].detail).toEqual({ file: 'synthetic-audit-1.csv', sha256: first.sha256, rows: 2, new: 2, changed: 0, unchanged: 0 });
		// A changed figure without --replace is refused: nothing written, nothing audited.
		expect(await entriesLeftBy(() => importText('synthetic-audit-2.csv', 'PCI,2019,Kon Tum,,64,50,63,,,\n'))).toBe(0);
		const replacing = await importText('synthetic-audit-2.csv', 'PCI,2019,Kon Tum,,64,50,63,,,\n', true);
		expect(await entriesOf('replace')).toMatchObject([{ actor: 'lan', target: String(replacing.batchId), detail: { rows: 1, new: 0, changed: 1 } }]);
		// The same file again is a no-op, and no write.
		await importText('synthetic-audit-2.csv', 'PCI,2019,Kon Tum,,64,50,63,,,\n', true);
		expect(await entriesOf('replace')).toHaveLength(1);
		// Undoing the first batch is refused while a later one replaced its figure.
		expect(await entriesLeftBy(() => undoBatch(first.batchId!, HOA))).toBe(0);
		await undoBatch(replacing.batchId!, HOA);
		expect(await entriesOf('undo')).toMatchObject([{ actor: 'hoa', address: '10.0.0.7', target: String(replacing.batchId), detail: { removed: 1, restored: 1 } }]);
	});

	it('a saved mapping preset', async () => {
		await savePreset('pci-synthetic', 'PCI', { columns: {} } as never, actor('lan'));
		expect(await entriesOf('preset.save')).toMatchObject([{ actor: 'lan', target: 'pci-synthetic', detail: { index: 'PCI' } }]);
	});

	it('plans: added, changed (old → new of each changed field), retired', async () => {
		const draft: PlanDraft = {
			unitCode: '62', indices: ['PCI'], kind: 'absolute', baselineYear: 2024, firstStep: null, yearlyStep: null, horizon: 2030,
			targetRank: 15, document: 'Nghị quyết (synthetic)', issuedOn: '2024-01-01', issuedBy: 'Tỉnh ủy (synthetic)', source: null
		};
		const added = await addPlan(draft, HOA);
		expect(await entriesOf('plan.add')).toMatchObject([
			{ actor: 'hoa', address: '10.0.0.7', target: added.id, detail: { unit: '62', indices: ['PCI'], kind: 'absolute', baselineYear: 2024, horizon: 2030 } }
		]);
		await changePlan(added.id, { ...draft, targetRank: 13, indices: ['PCI', 'PAPI'] }, HOA);
		expect((await entriesOf('plan.change'))[0].detail).toEqual({ version: 2, indices: { from: 'PCI', to: 'PCI,PAPI' }, targetRank: { from: 15, to: 13 } });
		await retirePlan(added.id, HOA);
		expect(await entriesOf('plan.retire')).toMatchObject([{ target: added.id, detail: { version: 3 } }]);
		// A retired plan cannot change: refused, not audited.
		expect(await entriesLeftBy(() => changePlan(added.id, draft, HOA))).toBe(0);
	});

	it('accounts: added, role changed, password reset, sessions revoked, removed; never a password', async () => {
		await addUser({ name: 'hoa', role: 'admin' }, 'mật khẩu của Hoa', actor('root', null), T0);
		await addUser({ name: 'minh', role: 'viewer' }, 'mật khẩu của Minh', HOA, T0);
		expect(await entriesLeftBy(() => addUser({ name: 'minh', role: 'admin' }, 'mật khẩu khác nữa', HOA, T0))).toBe(0);
		expect((await entriesOf('user.add')).map((e) => [e.actor, e.address, e.target, e.detail])).toEqual([
			['hoa', '10.0.0.7', 'minh', { role: 'viewer' }],
			['root', null, 'hoa', { role: 'admin' }]
		]);
		expect(await setRole('minh', 'analyst', HOA)).toBe('viewer');
		expect(await entriesOf('user.role')).toMatchObject([{ target: 'minh', detail: { role: { from: 'viewer', to: 'analyst' } } }]);

		await createSession('minh');
		const { password, sessions } = await resetPassword('minh', HOA);
		expect(sessions).toBe(1);
		expect(await verifyPassword(password, (await findUser('minh'))!.passwordHash)).toBe(true);
		expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
		expect(await entriesOf('user.password')).toMatchObject([{ target: 'minh', detail: { sessions: 1 } }]);

		await createSession('minh');
		expect(await signOutEverywhere('minh', HOA)).toBe(1);
		expect(await entriesOf('user.revoke')).toMatchObject([{ target: 'minh', detail: { sessions: 1 } }]);
		await removeUser('minh', HOA);
		expect(await entriesOf('user.remove')).toMatchObject([{ target: 'minh', detail: { role: 'analyst', sessions: 0 } }]);
		expect(await entriesLeftBy(() => removeUser('minh', HOA))).toBe(0);
		expect(JSON.stringify(await query('SELECT actor, target, detail::VARCHAR AS detail FROM audit_log'))).not.toContain(password);
	});

	it('sign-in, failed sign-in (unknown names too) and sign-out, with the address', async () => {
		expect(await signIn('hoa', 'mật khẩu của Hoa', '10.0.0.9', T0)).toMatchObject({ status: 'ok' });
		expect(await signIn('hoa', 'sai mật khẩu', '10.0.0.9', T0)).toEqual({ status: 'wrong' });
		expect(await signIn('khong-co-ai', 'sai mật khẩu', '10.0.0.10', T0)).toEqual({ status: 'wrong' });
		expect((await entriesOf('signin')).map((e) => [e.actor, e.address])).toEqual([['hoa', '10.0.0.9']]);
		expect((await entriesOf('signin.failed')).map((e) => [e.actor, e.address])).toEqual([
			['khong-co-ai', '10.0.0.10'],
			['hoa', '10.0.0.9']
		]);
		const { token } = await createSession('hoa');
		await revokeSession(token, actor('hoa', '10.0.0.9'));
		// Signing out of a session already ended changes nothing and records nothing.
		await revokeSession(token, actor('hoa', '10.0.0.9'));
		expect(await entriesOf('signout')).toMatchObject([{ actor: 'hoa', address: '10.0.0.9', target: 'hoa' }]);
	});
});

describe('the last admin', () => {
	it('cannot be removed or demoted; with a second admin, either can', async () => {
		const admins = async () => (await query<{ name: string }>("SELECT name FROM users WHERE role = 'admin' ORDER BY name")).map((u) => u.name);
		expect(await admins()).toEqual(['hoa']);
		await expect(setRole('hoa', 'analyst', HOA)).rejects.toEqual(new AccountError('lastAdmin', 'hoa'));
		await expect(removeUser('hoa', HOA)).rejects.toEqual(new AccountError('lastAdmin', 'hoa'));
		expect(await admins()).toEqual(['hoa']);

		await addUser({ name: 'tuan', role: 'admin' }, 'mật khẩu của Tuấn', HOA);
		await setRole('hoa', 'analyst', actor('tuan'));
		expect(await admins()).toEqual(['tuan']);
		await expect(removeUser('tuan', actor('tuan'))).rejects.toEqual(new AccountError('lastAdmin', 'tuan'));
		await setRole('hoa', 'admin', actor('tuan'));
	});

	it('two admins demoting each other at once: one succeeds, the other is refused as the last admin, every time', async () => {
		const admins = async () => (await query<{ name: string }>("SELECT name FROM users WHERE role = 'admin'")).map((u) => u.name);
		// Each change reads the admins and then writes: run together, without one waiting for the other, both would
		// see two admins and leave none (DuckDB reports no conflict for this).
		for (let round = 0; round < 10; round++) {
			expect((await admins()).sort()).toEqual(['hoa', 'tuan']);
			const results = await Promise.allSettled([setRole('hoa', 'viewer', actor('tuan')), setRole('tuan', 'viewer', HOA)]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const [refused] = results.filter((r) => r.status === 'rejected');
			expect(refused.reason).toBeInstanceOf(AccountError);
			expect(refused.reason.reason).toBe('lastAdmin');
			const [survivor] = await admins();
			await setRole(survivor === 'hoa' ? 'tuan' : 'hoa', 'admin', actor(survivor));
		}
	});
});

describe('reading the trail', () => {
	it('filters by kind, user and days (UTC, both ends included), newest first, a page at a time', async () => {
		await transaction(async (connection) => {
			for (const [day, name] of [['2026-04-01', 'an'], ['2026-04-02', 'an'], ['2026-04-03', 'binh'], ['2026-04-04', 'an']] as const) {
				await recordAudit(connection, { kind: 'restore', actor: actor(name), target: day, at: new Date(`${day}T23:59:59Z`) });
			}
		});
		const targets = async (filter: Parameters<typeof listAudit>[0], limit: number | null = null, offset = 0) => {
			const { entries, total } = await listAudit({ kind: 'restore', ...filter }, limit, offset);
			return { targets: entries.map((e) => e.target), total };
		};
		expect(await targets({})).toEqual({ targets: ['2026-04-04', '2026-04-03', '2026-04-02', '2026-04-01'], total: 4 });
		expect(await targets({ user: 'an' })).toEqual({ targets: ['2026-04-04', '2026-04-02', '2026-04-01'], total: 3 });
		expect(await targets({ since: '2026-04-02', until: '2026-04-03' })).toEqual({ targets: ['2026-04-03', '2026-04-02'], total: 2 });
		expect(await targets({}, 2, 2)).toEqual({ targets: ['2026-04-02', '2026-04-01'], total: 4 });
	});

	it('builds its conditions from parameters, never from the text typed', () => {
		expect(auditConditions({ user: "x' OR 1=1 --" })).toEqual({ where: 'WHERE actor = $user', params: { user: "x' OR 1=1 --" } });
		expect(auditConditions({})).toEqual({ where: '', params: {} });
	});
});

describe('the trail cannot be edited through the application', () => {
	/** Every source file of the app and its command line. */
	function sources(dir: string): string[] {
		return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const full = path.join(dir, entry.name);
			return entry.isDirectory() ? sources(full) : /\.(ts|js|svelte)$/.test(entry.name) ? [full] : [];
		});
	}
	const root = path.resolve(import.meta.dirname, '../../../..');

	it('only audit.ts and the migration name the table, and audit.ts only inserts and selects', () => {
		const naming = [...sources(path.join(root, 'src')), ...sources(path.join(root, 'scripts'))]
			.filter((file) => fs.readFileSync(file, 'utf8').includes('audit_log'))
			.map((file) => path.relative(root, file));
		expect(naming.sort()).toEqual(['src/lib/server/audit.ts', 'src/lib/server/migrations.ts']);
		const statements = fs.readFileSync(path.join(root, 'src/lib/server/audit.ts'), 'utf8').match(/\b(INSERT INTO|UPDATE|DELETE FROM|TRUNCATE|DROP|ALTER)\s+\w+/g);
		expect(new Set(statements)).toEqual(new Set(['INSERT INTO audit_log']));
	});
});
