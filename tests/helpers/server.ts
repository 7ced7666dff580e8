/**
 * Test helper for browser and HTTP tests: starts the built server
 * (`node scripts/start.js`, so `npm run build` first) on its own database and
 * a free port, after preparing that database with the command line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface TestServer {
	url: string;
	db: string;
	/** The server's process id (its memory is read from /proc/PID/status). */
	pid: number;
	/** Everything the server printed so far. */
	output(): string;
	stop(): Promise<void>;
	/** Kills the server at once (SIGKILL), as a power cut would. */
	kill(): Promise<void>;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** Creates accounts `{ name: [role, password] }` with `chiso user add` (the server must not be running). */
export function addUsers(db: string, users: Record<string, [string, string]>): void {
	for (const [name, [role, password]] of Object.entries(users)) {
		const result = runCli(db, ['user', 'add', name, '--role', role], `${password}\n`);
		if (result.status !== 0) throw new Error(`user add ${name}: ${result.stderr}`);
	}
}

/** Signs `name` in through the form (as a browser would post it) and returns the session cookie, `chiso_session=…`. */
export async function signIn(url: string, name: string, password: string): Promise<string> {
	const response = await fetch(`${url}/signin`, {
		method: 'POST',
		body: new URLSearchParams({ name, password }),
		headers: { origin: url, accept: 'text/html' },
		redirect: 'manual'
	});
	const cookie = /chiso_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
	if (response.status !== 303 || !cookie) throw new Error(`sign-in of ${name} answered ${response.status}`);
	return cookie;
}

/**
 * Starts the built server on a new database prepared by `prepare(dbPath)`, or
 * on the existing database file `db`; resolves once it answers.
 */
export async function startServer(
	options: { prepare?: (db: string) => void; env?: Record<string, string>; db?: string } = {}
): Promise<TestServer> {
	const db = options.db ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-server-')), 'server.duckdb');
	options.prepare?.(db);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		cwd: ROOT,
		env: { ...process.env, ...options.env, CHISO_DB: db, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode === null) child.kill(signal);
		await exited;
	};
	for (let tries = 0; ; tries++) {
		if (child.exitCode !== null) throw new Error(`the server stopped before answering:\n${output}`);
		const ok = await fetch(url, { redirect: 'manual' }).then(() => true, () => false);
		if (ok) break;
		if (tries > 600) {
			await stop();
			throw new Error(`the server did not answer within a minute:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { url, db, pid: child.pid!, output: () => output, stop: () => stop(), kill: () => stop('SIGKILL') };
}
