/**
 * The streamed pass over an imported file finds what a pass over the whole
 * bytes finds, also where a chunk boundary cuts a character or a blank line.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeTempFile } from '../../../../helpers/temp-db.ts';
import { SCAN_CHUNK, scanFile } from '../../../../../src/lib/server/import/scan-file.ts';

/** Bytes of `size` made of short lines of ASCII text, `insert` written at offset `at`. */
function padded(size: number, at: number, insert: Buffer): Buffer {
	const bytes = Buffer.alloc(size, 'abcdefghi\n');
	insert.copy(bytes, at);
	return bytes;
}

const scan = (name: string, bytes: Buffer) => scanFile(writeTempFile(name, bytes));

describe('scanFile', () => {
	it('hashes the whole file, read a megabyte at a time', async () => {
		const bytes = padded(3 * SCAN_CHUNK + 17, 0, Buffer.from('index,year\n'));
		expect((await scan('synthetic-hash.csv', bytes)).sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
	});

	it('keeps a character that a chunk boundary cuts in two', async () => {
		for (const cut of [1, 2, 3]) {
			// 'Đ' is two bytes, '€' three, '𝄞' four: begin it `cut` bytes before the boundary.
			const character = Buffer.from(['Đ', '€', '𝄞'][cut - 1]);
			const result = await scan(`synthetic-cut-${cut}.csv`, padded(2 * SCAN_CHUNK, SCAN_CHUNK - cut, character));
			expect(result).toMatchObject({ bulk: true, blankLines: false });
		}
	});

	it('leaves a file that is not UTF-8 after its first chunk, or holds a NUL byte, to the JS readers', async () => {
		expect(await scan('synthetic-latin1.csv', padded(2 * SCAN_CHUNK, SCAN_CHUNK + 5, Buffer.from([0xd0, 0x41])))).toMatchObject({ bulk: false });
		expect(await scan('synthetic-truncated.csv', padded(SCAN_CHUNK + 10, SCAN_CHUNK + 9, Buffer.from([0xc4])))).toMatchObject({ bulk: false });
		expect(await scan('synthetic-nul.csv', padded(2 * SCAN_CHUNK, SCAN_CHUNK + 5, Buffer.from([0])))).toMatchObject({ bulk: false });
	});

	it('finds a blank line anywhere, also cut by a chunk boundary, but not newlines at the very end', async () => {
		// The boundary falls between the two newlines, or inside '\n\r\n'.
		for (const [name, at, blank] of [
			['synthetic-blank-lf.csv', SCAN_CHUNK - 1, '\n\n'],
			['synthetic-blank-crlf.csv', SCAN_CHUNK - 2, '\n\r\n'],
			['synthetic-blank-crlf-late.csv', SCAN_CHUNK - 1, '\n\r\n'],
			['synthetic-blank-early.csv', 100, '\n\n']
		] as const) {
			expect(await scan(name, padded(2 * SCAN_CHUNK, at, Buffer.from(blank))), name).toMatchObject({ bulk: true, blankLines: true });
		}
		const trailing = Buffer.concat([padded(SCAN_CHUNK - 1, 0, Buffer.alloc(0)), Buffer.from('\n\r\n\n')]);
		expect(await scan('synthetic-trailing.csv', trailing)).toMatchObject({ bulk: true, blankLines: false });
	});
});
