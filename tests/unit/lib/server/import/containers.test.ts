/**
 * Old and hostile files (issue #14): an Excel 97–2003 .xls, an encrypted
 * workbook, a PNG named .xlsx and zip bombs, built here byte by byte. Each is
 * refused with a message in the interface language naming the file, before
 * any library unpacks it; nothing is written.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { checkZip, MAX_INFLATED_BYTES, oleKind } from '../../../../../src/lib/server/import/containers.ts';
import { contentFormat, UploadError } from '../../../../../src/lib/server/import/uploads.ts';
import { ImportError, formatProblem, type ImportProblem } from '../../../../../src/lib/domain/import-problems.ts';

beforeAll(async () => {
	useTempDatabase('containers');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

interface ZipEntry {
	name: string;
	data: Buffer;
	/** Uncompressed size written in the headers (the truth unless a test lies). */
	declared: number;
}

/** A zip of deflated entries, headers written by hand so that a test can declare any size. */
function zip(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(e.data.length, 18);
		local.writeUInt32LE(e.declared, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(e.data.length, 20);
		central.writeUInt32LE(e.declared, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, e.data);
		centrals.push(central, name);
		offset += 30 + name.length + e.data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

const deflated = (data: Buffer, declared = data.length): ZipEntry & { name: string } => ({ name: '', data: zlib.deflateRawSync(data), declared });

/** 64 MB of zeros deflated once (~64 KB) and repeated: 24 entries declare 1.5 GB in a file of about 1.5 MB. */
function bomb(): Buffer {
	const part = deflated(Buffer.alloc(64 * 1024 * 1024));
	return zip(Array.from({ length: 24 }, (_, i) => ({ ...part, name: `xl/worksheets/sheet${i + 1}.xml` })));
}

/** An OLE compound file header, with the directory name of an encrypted package or of an .xls workbook stream. */
function ole(stream: string): Buffer {
	const bytes = Buffer.alloc(4096);
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
	Buffer.from(stream, 'utf16le').copy(bytes, 1024);
	return bytes;
}

const snapshot = () => query('SELECT count(*)::INTEGER AS n FROM import_batches').then((r) => JSON.stringify(r));

async function refused(name: string, content: Buffer, options: { indexId?: string; year?: number } = { indexId: 'PAPI', year: 2018 }): Promise<ImportProblem> {
	const before = await snapshot();
	const error = await importFile({ file: writeTempFile(name, content), importedBy: 'test', ...options }).catch((e) => e);
	expect(error).toBeInstanceOf(ImportError);
	expect(await snapshot()).toBe(before);
	const problems = (error as ImportError).problems;
	expect(problems).toHaveLength(1);
	for (const locale of ['vi', 'en'] as const) {
		const message = formatProblem(problems[0], locale);
		expect(message).toContain(name);
		expect(message).not.toMatch(/central directory|https?:|jszip/i);
	}
	return problems[0];
}

describe('old and hostile containers', () => {
	it('an Excel 97–2003 .xls, whatever it is named, says to save it as .xlsx or CSV', async () => {
		const problem = await refused('synthetic-old.xls', ole('Workbook'));
		expect(problem.code).toBe('old_xls');
		expect(formatProblem(problem, 'vi')).toContain('Lưu thành');
		expect(formatProblem(problem, 'en')).toContain('Save As');
		expect((await refused('synthetic-old-named.xlsx', ole('Workbook'))).code).toBe('old_xls');
		expect((await refused('synthetic-old-named.csv', ole('Workbook'), {})).code).toBe('old_xls');
	});

	it('an encrypted workbook (an OLE file named .xlsx) says to remove the password', async () => {
		expect(oleKind(ole('EncryptedPackage'))).toBe('encrypted');
		expect((await refused('synthetic-encrypted.xlsx', ole('EncryptedPackage'))).code).toBe('encrypted');
	});

	it('a PNG named .xlsx says what it really is', async () => {
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
		const problem = await refused('synthetic-picture.xlsx', png);
		expect(problem).toMatchObject({ code: 'not_xlsx', params: { found: 'PNG' } });
	});

	it('a zip bomb (1.5 MB declaring 1.5 GB) is refused from its central directory, before anything is unpacked', async () => {
		const bytes = bomb();
		expect(bytes.length).toBeLessThan(3 * 1024 * 1024);
		const rssBefore = process.memoryUsage().rss;
		const problem = await refused('synthetic-bomb.xlsx', bytes);
		expect(problem).toMatchObject({ code: 'zip_too_large', params: { limit: MAX_INFLATED_BYTES / 1024 / 1024 } });
		// Nothing was inflated: far less than one 64 MB entry was allocated.
		expect(process.memoryUsage().rss - rssBefore).toBeLessThan(48 * 1024 * 1024);
	});

	it('one entry compressed beyond the ratio limit is refused, though the total is under the size limit', () => {
		const entry = { ...deflated(Buffer.alloc(8 * 1024 * 1024)), name: 'xl/worksheets/sheet1.xml' };
		expect(checkZip(zip([entry]))).toMatchObject({ code: 'zip_ratio', params: { entry: 'xl/worksheets/sheet1.xml', limit: 200 } });
	});

	it('an entry whose header lies about its size is caught while inflating, capped at the declared size', () => {
		// 4 MB of random hexadecimal text (ratio about 2:1, under every limit) declared as 1 KB.
		const text = Buffer.from(crypto.randomBytes(2 * 1024 * 1024).toString('hex'));
		const liar = { ...deflated(text, 1024), name: 'xl/sharedStrings.xml' };
		expect(checkZip(zip([liar]))).toMatchObject({ code: 'zip_ratio', params: { entry: 'xl/sharedStrings.xml' } });
		const honest = { ...deflated(text), name: 'xl/sharedStrings.xml' };
		expect(checkZip(zip([honest]))).toBeNull();
	});

	it('passes the official workbooks', () => {
		for (const file of ['PCI 2019.xlsx', 'PAPI 2019 FULL vie.xlsx']) {
			expect(checkZip(fs.readFileSync(new URL(`../../../../fixtures/official/${file}`, import.meta.url)))).toBeNull();
		}
	});

	it('the upload check refuses an .xls and an encrypted workbook in the interface language', () => {
		const keyOf = (bytes: Buffer, name: string) => {
			try {
				contentFormat(bytes, name);
				return null;
			} catch (error) {
				return error instanceof UploadError ? error.key : error;
			}
		};
		expect(keyOf(ole('Workbook'), 'synthetic-old.xls')).toBe('webimport.error.oldExcel');
		expect(keyOf(ole('EncryptedPackage'), 'synthetic-locked.xlsx')).toBe('webimport.error.encrypted');
	});
});
