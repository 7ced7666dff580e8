import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseName, contentFormat, removeUpload, saveUpload, uploadDir, uploadPath, UploadError } from '../../../../../src/lib/server/import/uploads.ts';

const PCI_2019 = path.resolve(import.meta.dirname, '../../../../fixtures/official/PCI 2019.xlsx');
const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

beforeEach(() => {
	process.env.CHISO_UPLOADS = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-uploads-test-'));
});

function refusal(bytes: Buffer, name: string): UploadError {
	try {
		contentFormat(bytes, name);
	} catch (error) {
		expect(error).toBeInstanceOf(UploadError);
		return error as UploadError;
	}
	throw new Error(`${name} was accepted`);
}

describe('contentFormat', () => {
	it('knows xlsx, Parquet and Arrow by their first bytes, whatever the name', () => {
		expect(contentFormat(fs.readFileSync(PCI_2019), 'bang.dat')).toBe('xlsx');
		expect(contentFormat(Buffer.from('PAR1 and the rest'), 'x.parquet')).toBe('parquet');
		expect(contentFormat(Buffer.from('ARROW1\0\0'), 'x.feather')).toBe('arrow');
	});

	it('takes UTF-8 text as CSV, with Vietnamese text and a BOM', () => {
		expect(contentFormat(Buffer.from('\uFEFFtỉnh;điểm\nKon Tum;63,5\n'), 'diem.csv')).toBe('csv');
	});

	it('refuses bytes that are no table: a PNG named .csv, Latin-1 text, NUL bytes', () => {
		expect(refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'diem.csv').key).toBe('webimport.error.notTable');
		expect(refusal(Buffer.from('t\xeanh,score\n', 'latin1'), 'diem.csv').key).toBe('webimport.error.notTable');
		expect(refusal(Buffer.from('a,b\n1,\0\n'), 'diem.csv').key).toBe('webimport.error.notTable');
	});

	it('refuses a name that promises another format than the content', () => {
		const error = refusal(Buffer.from('index,year\n'), 'PCI 2020.xlsx');
		expect(error.key).toBe('webimport.error.nameMismatch');
		expect(error.params).toEqual({ file: 'PCI 2020.xlsx', claimed: 'xlsx', found: 'csv' });
		expect(refusal(fs.readFileSync(PCI_2019), 'PCI 2019.parquet').params).toMatchObject({ claimed: 'parquet', found: 'xlsx' });
	});

	it('refuses an empty file', () => {
		expect(refusal(Buffer.alloc(0), 'rong.csv').key).toBe('webimport.error.empty');
	});
});

describe('saveUpload and uploadPath', () => {
	it('stores the file under its SHA-256 with only its base name kept, and finds it by that hash', () => {
		const bytes = fs.readFileSync(PCI_2019);
		const upload = saveUpload(bytes, 'C:\\Users\\lan\\Downloads\\PCI 2019.xlsx');
		expect(upload).toEqual({ sha256: sha(bytes), fileName: 'PCI 2019.xlsx', format: 'xlsx', size: bytes.length });
		const stored = uploadPath(upload.sha256)!;
		expect(path.dirname(stored)).toBe(uploadDir());
		expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
		expect(fs.readdirSync(uploadDir())).toEqual([upload.sha256]);
	});

	it('keeps only the base name of whatever the browser calls the file', () => {
		expect(baseName('../../etc/passwd')).toBe('passwd');
		expect(baseName('C:\\fakepath\\PAPI 2019.xlsx')).toBe('PAPI 2019.xlsx');
		expect(baseName('')).toBe('upload');
	});

	it('never resolves anything but a hash: no path can be smuggled in', () => {
		expect(uploadPath('../../etc/passwd')).toBeNull();
		expect(uploadPath('A'.repeat(64))).toBeNull();
		expect(uploadPath('a'.repeat(64))).toBeNull();
	});

	it('does not hand out a stored file whose content no longer has its hash', () => {
		const upload = saveUpload(Buffer.from('index,year\n'), 'a.csv');
		fs.writeFileSync(path.join(uploadDir(), upload.sha256), 'index,year,unit\n');
		expect(uploadPath(upload.sha256)).toBeNull();
	});

	it('removes an upload after its commit, and uploads older than a day at the next upload', () => {
		const first = saveUpload(Buffer.from('a,b\n'), 'a.csv');
		removeUpload(first.sha256);
		expect(uploadPath(first.sha256)).toBeNull();
		const old = saveUpload(Buffer.from('c,d\n'), 'c.csv');
		const dayAndAMinute = (Date.now() - 24 * 60 * 60 * 1000 - 60_000) / 1000;
		fs.utimesSync(path.join(uploadDir(), old.sha256), dayAndAMinute, dayAndAMinute);
		const fresh = saveUpload(Buffer.from('e,f\n'), 'e.csv');
		expect(fs.readdirSync(uploadDir())).toEqual([fresh.sha256]);
	});
});
