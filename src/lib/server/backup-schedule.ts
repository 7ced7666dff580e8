/**
 * The server's daily backups: started once by hooks.server.ts at start-up when
 * CHISO_BACKUP_DIR is set, it takes a backup at CHISO_BACKUP_AT every day into
 * that folder and then removes all but the newest CHISO_BACKUP_KEEP
 * (src/lib/domain/backup-schedule.ts decides when, names and what goes).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	backupFileName,
	backupsToRemove,
	isScheduledBackup,
	nextBackupAt,
	parseBackupSchedule,
	type BackupSchedule
} from '../domain/backup-schedule.ts';
import { t } from '../i18n/index.ts';
import '../i18n/areas/backup.ts';
import type { Actor } from './audit.ts';
import { createBackup } from './backup.ts';

/** Who scheduled backups are recorded as taken by. */
export const SCHEDULE_ACTOR: Actor = { name: 'chiso (daily backup)', address: null };

let timer: NodeJS.Timeout | null = null;
let nextAt: Date | null = null;

/** The schedule the environment sets, or null; a malformed setting stops the start-up with a message naming it. */
export function backupSchedule(env: NodeJS.ProcessEnv = process.env): BackupSchedule | null {
	const parsed = parseBackupSchedule(env);
	if (parsed && 'name' in parsed) throw new Error(t('en', 'backup.error.schedule', { ...parsed }));
	return parsed;
}

/**
 * Takes one scheduled backup into `schedule.dir` and applies retention;
 * returns the new file. Exported for tests, which do not wait for the clock.
 */
export async function runScheduledBackup(schedule: BackupSchedule, now = new Date()): Promise<string> {
	fs.mkdirSync(schedule.dir, { recursive: true });
	const file = path.join(schedule.dir, backupFileName(now));
	await createBackup(file, SCHEDULE_ACTOR);
	for (const old of backupsToRemove(fs.readdirSync(schedule.dir), schedule.keep)) fs.rmSync(path.join(schedule.dir, old), { force: true });
	return file;
}

/** Starts the daily timer if the environment asks for it (once per process). */
export function startBackupSchedule(env: NodeJS.ProcessEnv = process.env): void {
	const schedule = backupSchedule(env);
	if (!schedule || timer) return;
	const arm = () => {
		nextAt = nextBackupAt(new Date(), schedule);
		// Re-armed after each run from the clock, so a run that takes long or a clock change never drifts it.
		timer = setTimeout(async () => {
			try {
				await runScheduledBackup(schedule);
			} catch (error) {
				// A failed night (disk full) is logged and tried again the next day; it must not end the server.
				console.error(`scheduled backup into ${schedule.dir} failed: ${error instanceof Error ? error.message : String(error)}`);
			}
			arm();
		}, nextAt.getTime() - Date.now());
		timer.unref();
	};
	arm();
	console.log(`daily backup at ${pad2(schedule.hour)}:${pad2(schedule.minute)} into ${schedule.dir}, keeping ${schedule.keep}`);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** What the admin page shows: the schedule, its next run, and the scheduled backups in its folder, newest first. */
export function scheduleStatus(): {
	schedule: BackupSchedule | null;
	next: Date | null;
	files: { name: string; bytes: number; at: Date }[];
} {
	const schedule = backupSchedule();
	if (!schedule) return { schedule: null, next: null, files: [] };
	const names = fs.existsSync(schedule.dir) ? fs.readdirSync(schedule.dir).filter(isScheduledBackup).sort().reverse() : [];
	const files = names.map((name) => {
		const stat = fs.statSync(path.join(schedule.dir, name));
		return { name, bytes: stat.size, at: stat.mtime };
	});
	return { schedule, next: nextAt ?? nextBackupAt(new Date(), schedule), files };
}
