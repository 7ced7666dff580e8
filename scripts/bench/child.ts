/**
 * Runs one benchmark step in a child process of its own, so that its peak
 * memory (`maxRSS`) is the step's alone and a crash cannot take the run down.
 * The child prints one JSON line last on stdout; that line is the result.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Runs `tsx script ...args` with extra environment and returns the JSON it printed last. */
export async function runChild<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> {
	const out = await runTsx(script, args, env);
	const last = out.trim().split('\n').at(-1) ?? '';
	try {
		return JSON.parse(last) as T;
	} catch {
		throw new Error(`${script}: no JSON result in its output:\n${out}`);
	}
}

/** Runs `tsx script ...args` with extra environment; resolves with its stdout, rejects on a non-zero exit. */
export function runTsx(script: string, args: string[], env: Record<string, string> = {}): Promise<string> {
	return run(TSX, script, args, env);
}

/** Runs `node script ...args` (compiled JavaScript: `dist/chiso.js`), as `runTsx` does. */
export function runNode(script: string, args: string[], env: Record<string, string> = {}): Promise<string> {
	return run(process.execPath, script, args, env);
}

function run(program: string, script: string, args: string[], env: Record<string, string>): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(program, [path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => {
			if (code === 0) resolve(out);
			else reject(new Error(`${script} ${args.join(' ')} exited ${code}:\n${err || out}`));
		});
	});
}

/** Peak resident memory of this process so far, in MB (Linux reports maxRSS in KB). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
