/**
 * Stress test of issue 19: the load test's readers and commit, repeated.
 * Each round, `--readers` clients read a unit's figures and index page while a
 * `--rows`-figure web import replaces the previous round's; every answer must
 * show the state before the import or the state after it. Prints the mixed
 * answers by kind and exits 1 if there were any. Not part of `npm test`.
 *
 *   npm run build && npx tsx scripts/stress-snapshots.ts [--rounds 30] [--readers 50] [--rows 1000000] [--pause-ms 0]
 *
 * `--pause-ms` sets CHISO_TEST_COMMIT_PAUSE_MS in the server: the writer waits
 * that long between its COMMIT and its bookkeeping, which made the race of
 * issue 19 happen in most rounds before it was fixed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMUNE_SCALE, writeSyntheticFigures, writeSyntheticReference } from './synthetic/generate.ts';
import { importClient, ndjson, readWhileCommitting, unitFigures, type StateFile } from './load/consistency.ts';
import { addUsers, signIn, startServer } from '../tests/helpers/server.ts';
import { runCli } from '../tests/helpers/cli.ts';

const { values } = parseArgs({
	options: {
		rounds: { type: 'string', default: '30' },
		readers: { type: 'string', default: '50' },
		rows: { type: 'string', default: '1000000' },
		'pause-ms': { type: 'string', default: '0' }
	}
});
const rounds = Number(values.rounds);
const readers = Number(values.readers);
const rows = Number(values.rows);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-stress-'));
const data = path.join(dir, 'data');
writeSyntheticReference(data, COMMUNE_SCALE);

/** The figures of round `r` (round 0 is the database's first state): a seed of their own, batch r + 1. */
async function stateFile(r: number): Promise<StateFile & { file: string }> {
	const fileName = `figures-round-${String(r).padStart(3, '0')}-synthetic.csv`;
	const file = path.join(dir, fileName);
	await writeSyntheticFigures(file, COMMUNE_SCALE, { rows, seed: r + 1 });
	return { name: `round ${r}`, file, fileName, batchId: r + 1, ...unitFigures(file) };
}

let current = await stateFile(0);
const server = await startServer({
	env: {
		CHISO_DATA: data,
		BODY_SIZE_LIMIT: '200M',
		CHISO_UPLOADS: path.join(dir, 'uploads'),
		CHISO_TEST_COMMIT_PAUSE_MS: values['pause-ms']!
	},
	prepare: (db) => {
		for (const args of [['init', '--empty'], ['import', current.file]]) {
			const result = runCli(db, args, undefined, { CHISO_DATA: data });
			if (result.status !== 0) throw new Error(`chiso ${args.join(' ')}: ${result.stderr}`);
		}
		addUsers(db, { stress: ['analyst', 'stress-test password'] });
	}
});

const mixedByKind = new Map<string, number>();
let answers = 0;
let mixed = 0;
let failures = 0;
try {
	const client = importClient(server.url, await signIn(server.url, 'stress', 'stress-test password'));
	for (let r = 1; r <= rounds; r++) {
		const next = await stateFile(r);
		const body = await client.uploadAndPreview(next.file, next.fileName);
		const started = performance.now();
		const seen = await readWhileCommitting(server.url, readers, [current, next], async () =>
			ndjson(await client.post('/api/import/commit', { ...body, replace: true }))
		);
		const result = seen.lines.at(-1)?.result as { status?: string; batchId?: number } | undefined;
		if (result?.status !== 'committed' || result.batchId !== next.batchId) {
			throw new Error(`round ${r}: the commit ended with ${JSON.stringify(seen.lines.at(-1))}`);
		}
		const roundMixed = seen.verdicts.filter((v) => v.state === 'mixed');
		for (const v of roundMixed) {
			// The kind of a mix: its description without the figures that change each round.
			const kind = v.why!.replace(/\d+(\.\d+)?/g, '#');
			mixedByKind.set(kind, (mixedByKind.get(kind) ?? 0) + 1);
		}
		answers += seen.verdicts.length;
		mixed += roundMixed.length;
		failures += seen.failures.length;
		const before = seen.verdicts.filter((v) => v.state === current.name).length;
		console.log(
			`round ${r}/${rounds}: ${seen.verdicts.length} answers (${before} before, ${seen.verdicts.length - before - roundMixed.length} after), ` +
				`${roundMixed.length} mixed, ${seen.failures.length} failed, commit ${Math.round(performance.now() - started)} ms`
		);
		for (const v of roundMixed.slice(0, 3)) console.log(`  mixed: ${v.why}`);
		fs.rmSync(current.file);
		current = next;
	}
} finally {
	await server.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`\n${rounds} rounds, ${readers} readers, ${rows} figures a commit, pause ${values['pause-ms']} ms after COMMIT`);
console.log(`${answers} answers, ${mixed} mixed, ${failures} failed requests`);
for (const [kind, count] of [...mixedByKind].sort((a, b) => b[1] - a[1])) console.log(`  ${count} × ${kind}`);
process.exit(mixed > 0 || failures > 0 ? 1 : 0);
