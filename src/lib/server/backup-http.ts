/**
 * HTTP side of backups for the admin's routes: the page guard, a backup
 * answered as a download, and an uploaded backup restored on the running
 * server. The work is backup.ts's, as for `chiso backup|restore`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { redirect } from '@sveltejs/kit';
import { backupFileName } from '../domain/backup-schedule.ts';
import type { Locale } from '../i18n/index.ts';
import { requireRole, signinUrl } from './auth/guard.ts';
import type { User } from './auth/users.ts';
import type { Actor } from './audit.ts';
import { createBackup, restoreRunning, type BackupManifest } from './backup.ts';
import { databasePath } from './db.ts';

/** The guard of /admin pages: a signed-out visitor goes to sign-in (and comes back); anyone but an admin gets 403. */
export function requireAdminPage(event: { locals: { user: User | null; locale: Locale }; url: URL }): User {
	if (!event.locals.user) redirect(303, signinUrl(event.url, event.locals.locale));
	return requireRole(event, 'admin');
}

/** A file beside the database for one request's backup or upload (removed by the caller). */
function requestFile(suffix: string): string {
	return path.join(path.dirname(databasePath()), `.${suffix}-${crypto.randomBytes(8).toString('hex')}.tar`);
}

/**
 * Takes a backup and answers it as a download. The file is unlinked once
 * opened: the open handle streams it, and nothing is left behind whether the
 * download ends or is cut.
 */
export async function backupDownload(by: Actor): Promise<Response> {
	const file = requestFile('download');
	const name = backupFileName(new Date());
	try {
		const { bytes } = await createBackup(file, by, name);
		const stream = fs.createReadStream('', { fd: fs.openSync(file, 'r') });
		return new Response(Readable.toWeb(stream) as ReadableStream, {
			headers: {
				'content-type': 'application/x-tar',
				'content-length': String(bytes),
				'content-disposition': `attachment; filename="${name}"`,
				'cache-control': 'no-store'
			}
		});
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** Restores an uploaded backup on the running server (see restoreRunning); throws BackupError when it is refused. */
export async function restoreUpload(upload: File, by: Actor): Promise<BackupManifest> {
	const file = requestFile('upload');
	try {
		fs.writeFileSync(file, Buffer.from(await upload.arrayBuffer()));
		return await restoreRunning(file, by, upload.name);
	} finally {
		fs.rmSync(file, { force: true });
	}
}
