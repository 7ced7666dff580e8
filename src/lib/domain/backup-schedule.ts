/**
 * The daily backup schedule as data: its settings read from the environment
 * (CHISO_BACKUP_DIR, CHISO_BACKUP_AT, CHISO_BACKUP_KEEP), when it next runs,
 * what the backups are called and which ones retention removes. Pure: the
 * server's timer (src/lib/server/backup-schedule.ts) applies it.
 */
import { z } from 'zod';

export interface BackupSchedule {
	dir: string;
	/** Local time of day, server clock. */
	hour: number;
	minute: number;
	/** How many scheduled backups are kept; older ones are removed after each new one. */
	keep: number;
}

export const DEFAULT_BACKUP_AT = '02:30';
export const DEFAULT_BACKUP_KEEP = 7;

/** A setting that does not parse: its variable, its value and what it should be. */
export interface ScheduleProblem {
	name: string;
	value: string;
	expected: string;
}

const atSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const keepSchema = z.string().regex(/^[1-9]\d{0,3}$/);

/**
 * The schedule the environment asks for: null when CHISO_BACKUP_DIR is unset
 * (no scheduled backups), a problem when a setting is malformed.
 */
export function parseBackupSchedule(env: Record<string, string | undefined>): BackupSchedule | null | ScheduleProblem {
	const dir = env.CHISO_BACKUP_DIR?.trim();
	if (!dir) return null;
	const at = env.CHISO_BACKUP_AT?.trim() || DEFAULT_BACKUP_AT;
	if (!atSchema.safeParse(at).success) return { name: 'CHISO_BACKUP_AT', value: at, expected: 'HH:MM (00:00–23:59)' };
	const keep = env.CHISO_BACKUP_KEEP?.trim() || String(DEFAULT_BACKUP_KEEP);
	if (!keepSchema.safeParse(keep).success) return { name: 'CHISO_BACKUP_KEEP', value: keep, expected: 'a whole number from 1 to 9999' };
	const [hour, minute] = at.split(':').map(Number);
	return { dir, hour, minute, keep: Number(keep) };
}

/** The first moment strictly after `now` at the schedule's local time of day. */
export function nextBackupAt(now: Date, schedule: Pick<BackupSchedule, 'hour' | 'minute'>): Date {
	const next = new Date(now);
	next.setHours(schedule.hour, schedule.minute, 0, 0);
	if (next <= now) next.setDate(next.getDate() + 1);
	return next;
}

const pad = (n: number) => String(n).padStart(2, '0');
const NAME = /^chiso-backup-(\d{8})-(\d{6})\.tar$/;

/**
 * A backup's file name from its local time, `chiso-backup-YYYYMMDD-HHMMSS.tar`:
 * names sort as the times do.
 */
export function backupFileName(at: Date): string {
	const day = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
	return `chiso-backup-${day}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.tar`;
}

/**
 * The scheduled backups that retention removes from a folder's `names`: all
 * but the newest `keep` of those named like `backupFileName`. Other files
 * (a backup copied there by hand, anything else) are never touched.
 */
export function backupsToRemove(names: string[], keep: number): string[] {
	return names
		.filter((name) => NAME.test(name))
		.sort()
		.reverse()
		.slice(keep);
}

/** Whether `name` is a scheduled backup's (the files the admin page lists). */
export function isScheduledBackup(name: string): boolean {
	return NAME.test(name);
}
