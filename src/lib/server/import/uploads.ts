/**
 * Files uploaded on the web import page, kept between the preview and the
 * commit. Each upload is a file under the OS temp folder named by its SHA-256:
 * the browser refers to it by that hash only (never by a path), the same file
 * uploaded twice is stored once, and the pipeline reads it from disk like a
 * CLI import (DuckDB reads Parquet from a path). Nothing here is trusted at
 * commit: the pipeline reads and validates the file again and its hash must
 * still be the name. Called by the /api/import routes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectFormat, type TableFormat } from './read-table.ts';
import { oleKind } from './containers.ts';
import '../../i18n/areas/webimport.ts';

/** Uploads older than this are deleted at the next upload: a preview left open overnight is uploaded again. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const SHA256 = /^[0-9a-f]{64}$/;

/** The folder of pending uploads (CHISO_UPLOADS, else chiso-uploads in the OS temp folder). */
export function uploadDir(): string {
	return process.env.CHISO_UPLOADS ?? path.join(os.tmpdir(), 'chiso-uploads');
}

export interface Upload {
	sha256: string;
	fileName: string;
	format: TableFormat;
	size: number;
}

/** Why an upload was refused, as a message key of the webimport area. */
export class UploadError extends Error {
	constructor(
		readonly key:
			| 'webimport.error.notTable'
			| 'webimport.error.nameMismatch'
			| 'webimport.error.empty'
			| 'webimport.error.oldExcel'
			| 'webimport.error.encrypted',
		readonly params: Record<string, string> = {}
	) {
		super(key);
		this.name = 'UploadError';
	}
}

const BINARY_FORMATS: Record<string, TableFormat> = { xlsx: 'xlsx', parquet: 'parquet', arrow: 'arrow', feather: 'arrow' };

/**
 * The table format of `bytes` judged by their content: the magic bytes of
 * xlsx (a zip), Parquet and Arrow, else CSV when the start of the file is
 * UTF-8 text without NUL bytes. A name that promises another format than the
 * content is refused too: an .xlsx that is really text is a mistake worth saying.
 */
export function contentFormat(bytes: Buffer, fileName: string): TableFormat {
	if (bytes.length === 0) throw new UploadError('webimport.error.empty', { file: fileName });
	const ole = oleKind(bytes);
	if (ole) throw new UploadError(ole === 'encrypted' ? 'webimport.error.encrypted' : 'webimport.error.oldExcel', { file: fileName });
	// detectFormat falls back on the extension only when no magic bytes match; without the name it judges content alone.
	const byContent = detectFormat(bytes, '');
	if (byContent === 'csv' && !looksLikeText(bytes)) throw new UploadError('webimport.error.notTable', { file: fileName });
	const claimed = BINARY_FORMATS[path.extname(fileName).slice(1).toLowerCase()];
	if (claimed && claimed !== byContent) {
		throw new UploadError('webimport.error.nameMismatch', { file: fileName, claimed, found: byContent });
	}
	return byContent;
}

function looksLikeText(bytes: Buffer): boolean {
	// The first 64 KB; a multi-byte character cut at the end is not an error (stream mode).
	const head = bytes.subarray(0, 64 * 1024);
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
		return !text.includes('\u0000');
	} catch {
		return false;
	}
}

/** A file name as the browser sent it, without any folder (Windows or POSIX), as recorded with the batch. */
export function baseName(rawName: string): string {
	return path.basename(rawName.replace(/\\/g, '/')) || 'upload';
}

/** Stores an uploaded file after checking its content; returns how to refer to it. */
export function saveUpload(bytes: Buffer, rawName: string): Upload {
	const fileName = baseName(rawName);
	const format = contentFormat(bytes, fileName);
	const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
	const dir = uploadDir();
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	pruneUploads(dir);
	// Written beside, then renamed: a preview never reads a half-written file.
	const partial = path.join(dir, `${sha256}.${process.pid}.partial`);
	fs.writeFileSync(partial, bytes, { mode: 0o600 });
	fs.renameSync(partial, path.join(dir, sha256));
	return { sha256, fileName, format, size: bytes.length };
}

/**
 * The path of a stored upload whose content still has the hash it is named
 * by, or null when the hash is malformed, the file is gone or it changed.
 */
export function uploadPath(sha256: string): string | null {
	if (!SHA256.test(sha256)) return null;
	const file = path.join(uploadDir(), sha256);
	if (!fs.existsSync(file)) return null;
	const actual = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
	return actual === sha256 ? file : null;
}

/** Deletes a stored upload (after its commit). */
export function removeUpload(sha256: string): void {
	if (SHA256.test(sha256)) fs.rmSync(path.join(uploadDir(), sha256), { force: true });
}

function pruneUploads(dir: string, now = Date.now()): void {
	for (const name of fs.readdirSync(dir)) {
		const file = path.join(dir, name);
		if (now - fs.statSync(file).mtimeMs > KEEP_MS) fs.rmSync(file, { force: true });
	}
}
