/**
 * One streamed pass over an imported file (pipeline.ts runs it while DuckDB
 * reads the same file): its SHA-256 and what the bulk CSV path must know about
 * its bytes, without holding the whole file in memory (issue 16: a 5 M-row
 * file is 250 MB, and was read whole before DuckDB started).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** What `scanFile` found. */
export interface FileScan {
	sha256: string;
	/** UTF-8 throughout and no NUL byte: DuckDB's strict read may stand; otherwise the JS readers read and word the file. */
	bulk: boolean;
	/** A blank line stands between rows (newlines at the very end do not count): `blankLineShifts` is needed. */
	blankLines: boolean;
}

/** Bytes read at a time. */
export const SCAN_CHUNK = 1 << 20;

/** Streams a file once, SCAN_CHUNK bytes at a time. */
export async function scanFile(file: string): Promise<FileScan> {
	const hash = crypto.createHash('sha256');
	let utf8 = true;
	let nul = false;
	let firstBlank = -1;
	let offset = 0;
	let trailingNewlines = 0;
	let carry = Buffer.alloc(0);
	let tail = Buffer.alloc(0);
	for await (const chunk of fs.createReadStream(file, { highWaterMark: SCAN_CHUNK }) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		nul ||= chunk.includes(0);
		if (utf8) {
			// A character cut by the chunk's end is checked with the next chunk.
			const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
			const complete = completeUtf8(bytes);
			utf8 = isUtf8(bytes.subarray(0, complete));
			carry = Buffer.from(bytes.subarray(complete));
		}
		if (firstBlank < 0) {
			// A blank line cut by the chunk boundary is found in the last two bytes before it and the first two after.
			const across = blankLineAt(Buffer.concat([tail, chunk.subarray(0, 2)]));
			const inside = blankLineAt(chunk);
			if (across >= 0) firstBlank = offset - tail.length + across;
			else if (inside >= 0) firstBlank = offset + inside;
		}
		tail = Buffer.from(chunk.subarray(-2));
		let last = chunk.length - 1;
		while (last >= 0 && (chunk[last] === 0x0a || chunk[last] === 0x0d)) last--;
		trailingNewlines = last < 0 ? trailingNewlines + chunk.length : chunk.length - 1 - last;
		offset += chunk.length;
	}
	return {
		sha256: hash.digest('hex'),
		bulk: utf8 && carry.length === 0 && !nul,
		blankLines: firstBlank >= 0 && firstBlank < offset - trailingNewlines
	};
}

/** Where the first blank line of some bytes begins (its preceding newline), or -1. */
function blankLineAt(bytes: Buffer): number {
	const found = ['\n\n', '\n\r\n'].map((s) => bytes.indexOf(s)).filter((i) => i >= 0);
	return found.length > 0 ? Math.min(...found) : -1;
}

/** How many of some bytes end on a whole UTF-8 character: a sequence cut at the end is left out. */
function completeUtf8(bytes: Buffer): number {
	for (let k = 1; k <= Math.min(3, bytes.length); k++) {
		const b = bytes[bytes.length - k];
		if ((b & 0xc0) === 0x80) continue;
		const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return length > k ? bytes.length - k : bytes.length;
	}
	return bytes.length;
}
