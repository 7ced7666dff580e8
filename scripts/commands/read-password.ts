/**
 * Reads a password for the command line without showing it: from the terminal
 * with echo off, or the first line of stdin when it is not a terminal
 * (`printf '%s\n' "$PW" | chiso user add …`).
 */
import readline from 'node:readline';

/** The first line of stdin (a pipe or a file): the password, without its line ending. */
async function firstLine(): Promise<string> {
	for await (const line of readline.createInterface({ input: process.stdin })) return line;
	return '';
}

function readHidden(prompt: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const stdin = process.stdin;
		process.stderr.write(prompt);
		stdin.setRawMode(true);
		stdin.resume();
		let typed = '';
		const done = (error?: Error) => {
			stdin.setRawMode(false);
			stdin.pause();
			stdin.off('data', onData);
			process.stderr.write('\n');
			if (error) reject(error);
			else resolve(typed);
		};
		const onData = (chunk: Buffer) => {
			for (const char of chunk.toString('utf8')) {
				if (char === '\r' || char === '\n') return done();
				if (char === '\u0003') return done(new Error('cancelled'));
				if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
				else typed += char;
			}
		};
		stdin.on('data', onData);
	});
}

/**
 * The password: typed twice on a terminal (`again` is the second prompt), else
 * the first line of stdin. Returns null when the two typings differ.
 */
export async function readPassword(prompt: string, again: string): Promise<string | null> {
	if (!process.stdin.isTTY) return firstLine();
	const first = await readHidden(prompt);
	const second = await readHidden(again);
	return first === second ? first : null;
}
