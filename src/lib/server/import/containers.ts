/**
 * Hostile and old containers, recognised by their bytes before any library
 * reads them (issue #14): an Excel 97–2003 .xls and a password-protected
 * workbook (both OLE compound files), a file named .xlsx that is not a zip, and
 * a zip bomb. A zip's central directory states every entry's sizes; they are
 * checked against fixed limits, then each entry is inflated with a byte cap
 * equal to its declared size, so a lying header cannot make exceljs (JSZip,
 * which inflates whole entries in memory) unpack more than the limits allow.
 * Called by the readers (`read-table.ts`) and the upload check (`uploads.ts`).
 */
import zlib from 'node:zlib';
import type { ImportProblem } from '../../domain/import-problems.ts';

/**
 * The most an .xlsx may unpack to, all entries together. exceljs holds a
 * workbook in memory at about 13 times its unpacked size (measured: a 2.6 MB
 * file unpacking to 21.8 MB, 45,000 rows × 11 cells, peaks at 374 MB), and the
 * server must stay under 500 MB; a published table (63 provinces × 200
 * columns) unpacks to well under 1 MB. Bigger data comes as CSV or Parquet.
 */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/** The highest compression ratio an entry larger than RATIO_FLOOR_BYTES may have (sheet XML compresses about 5–20:1). */
export const MAX_RATIO = 200;
const RATIO_FLOOR_BYTES = 1024 * 1024;

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An encrypted OOXML workbook is an OLE file holding these streams (MS-OFFCRYPTO); names are UTF-16LE.
const ENCRYPTED = Buffer.from('EncryptedPackage', 'utf16le');

/** What an OLE compound file is: a password-protected workbook, else an old binary .xls (or another Office 97 file). */
export function oleKind(bytes: Buffer): 'encrypted' | 'old_xls' | null {
	if (bytes.length < OLE.length || !bytes.subarray(0, OLE.length).equals(OLE)) return null;
	return bytes.includes(ENCRYPTED) ? 'encrypted' : 'old_xls';
}

const MAGIC: [string, Buffer][] = [
	['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
	['JPEG', Buffer.from([0xff, 0xd8, 0xff])],
	['GIF', Buffer.from('GIF8')],
	['PDF', Buffer.from('%PDF')],
	['Parquet', Buffer.from('PAR1')],
	['Arrow', Buffer.from('ARROW1')]
];

/** A short name of what the bytes are, for a message about a file that is not what its name says. */
export function contentName(bytes: Buffer): string {
	const known = MAGIC.find(([, magic]) => bytes.subarray(0, magic.length).equals(magic));
	if (known) return known[0];
	return isProbablyText(bytes) ? 'text' : 'binary';
}

function isProbablyText(bytes: Buffer): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096), { stream: true });
		return !bytes.subarray(0, 4096).includes(0);
	} catch {
		return false;
	}
}

type Problem = Omit<ImportProblem, 'file'>;

interface Entry {
	name: string;
	method: number;
	compressed: number;
	uncompressed: number;
	localOffset: number;
}

/**
 * Checks a zip (.xlsx) before it is unpacked: readable structure, total
 * declared size and each entry's ratio within the limits, and every entry
 * really inflating to no more than it declares. Returns the problem, or null
 * when the archive may be handed to exceljs.
 */
export function checkZip(bytes: Buffer): Problem | null {
	const entries = centralDirectory(bytes);
	if (entries === null) return { code: 'damaged_xlsx' };
	// ZIP64 sizes are needed only past 4 GB: far beyond the limit, whatever the entries say.
	if (entries === 'zip64') return { code: 'zip_too_large', params: { limit: MAX_INFLATED_BYTES / 1024 / 1024 } };
	const total = entries.reduce((sum, e) => sum + e.uncompressed, 0);
	if (total > MAX_INFLATED_BYTES) return { code: 'zip_too_large', params: { limit: MAX_INFLATED_BYTES / 1024 / 1024 } };
	for (const e of entries) {
		const ratio = e.uncompressed / Math.max(1, e.compressed);
		if (e.uncompressed > RATIO_FLOOR_BYTES && ratio > MAX_RATIO) {
			return { code: 'zip_ratio', params: { entry: e.name, ratio: Math.round(ratio), limit: MAX_RATIO } };
		}
	}
	for (const e of entries) {
		const problem = checkEntry(bytes, e);
		if (problem) return problem;
	}
	return null;
}

/** Inflates one entry with a cap of its declared size: more output means the header lies (a bomb), an error a damaged file. */
function checkEntry(bytes: Buffer, e: Entry): Problem | null {
	if (e.localOffset + 30 > bytes.length || bytes.readUInt32LE(e.localOffset) !== 0x04034b50) return { code: 'damaged_xlsx' };
	const start = e.localOffset + 30 + bytes.readUInt16LE(e.localOffset + 26) + bytes.readUInt16LE(e.localOffset + 28);
	const data = bytes.subarray(start, start + e.compressed);
	if (data.length !== e.compressed) return { code: 'damaged_xlsx' };
	if (e.method === 0) return e.compressed === e.uncompressed ? null : { code: 'damaged_xlsx' };
	if (e.method !== 8) return { code: 'damaged_xlsx' };
	try {
		const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressed) });
		return out.length === e.uncompressed ? null : { code: 'damaged_xlsx' };
	} catch (error) {
		// Node says ERR_BUFFER_TOO_LARGE when the output passes maxOutputLength.
		const tooLarge = error instanceof RangeError || (error as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE';
		return tooLarge ? { code: 'zip_ratio', params: { entry: e.name, ratio: '∞', limit: MAX_RATIO } } : { code: 'damaged_xlsx' };
	}
}

/** The entries of a zip's central directory; null when it cannot be found or read, `zip64` for sizes past 4 GB. */
function centralDirectory(bytes: Buffer): Entry[] | 'zip64' | null {
	const from = Math.max(0, bytes.length - 22 - 0xffff);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= from; i--) {
		if (bytes.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return null;
	const count = bytes.readUInt16LE(eocd + 10);
	const offset = bytes.readUInt32LE(eocd + 16);
	if (count === 0xffff || offset === 0xffffffff) return 'zip64';
	const entries: Entry[] = [];
	let at = offset;
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
		const nameLength = bytes.readUInt16LE(at + 28);
		const entry = {
			method: bytes.readUInt16LE(at + 10),
			compressed: bytes.readUInt32LE(at + 20),
			uncompressed: bytes.readUInt32LE(at + 24),
			localOffset: bytes.readUInt32LE(at + 42),
			name: bytes.toString('utf8', at + 46, at + 46 + nameLength)
		};
		if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff || entry.localOffset === 0xffffffff) return 'zip64';
		entries.push(entry);
		at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
	}
	return entries;
}
