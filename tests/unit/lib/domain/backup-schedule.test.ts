import { describe, expect, it } from 'vitest';
import {
	backupFileName,
	backupsToRemove,
	nextBackupAt,
	parseBackupSchedule
} from '../../../../src/lib/domain/backup-schedule.ts';

describe('parseBackupSchedule', () => {
	it('is off without CHISO_BACKUP_DIR', () => {
		expect(parseBackupSchedule({ CHISO_BACKUP_AT: '03:00' })).toBeNull();
	});

	it('defaults to 02:30, keeping 7', () => {
		expect(parseBackupSchedule({ CHISO_BACKUP_DIR: '/srv/backups' })).toEqual({ dir: '/srv/backups', hour: 2, minute: 30, keep: 7 });
	});

	it('reads the time and the number kept', () => {
		expect(parseBackupSchedule({ CHISO_BACKUP_DIR: 'b', CHISO_BACKUP_AT: '23:05', CHISO_BACKUP_KEEP: '30' })).toEqual({ dir: 'b', hour: 23, minute: 5, keep: 30 });
	});

	it.each([
		['CHISO_BACKUP_AT', '2:30'],
		['CHISO_BACKUP_AT', '24:00'],
		['CHISO_BACKUP_AT', '02:60'],
		['CHISO_BACKUP_KEEP', '0'],
		['CHISO_BACKUP_KEEP', 'seven']
	])('names a malformed %s=%s', (name, value) => {
		expect(parseBackupSchedule({ CHISO_BACKUP_DIR: 'b', [name]: value })).toMatchObject({ name, value });
	});
});

describe('nextBackupAt', () => {
	it('is later the same day when the time has not come yet', () => {
		expect(nextBackupAt(new Date(2026, 10, 27, 1, 0), { hour: 2, minute: 30 })).toEqual(new Date(2026, 10, 27, 2, 30));
	});

	it('is the next day when the time has passed, or is now', () => {
		expect(nextBackupAt(new Date(2026, 10, 27, 2, 30), { hour: 2, minute: 30 })).toEqual(new Date(2026, 10, 28, 2, 30));
		expect(nextBackupAt(new Date(2026, 11, 31, 23, 0), { hour: 2, minute: 30 })).toEqual(new Date(2027, 0, 1, 2, 30));
	});
});

describe('backup file names and retention', () => {
	it('names a backup by its local time, so names sort as times do', () => {
		expect(backupFileName(new Date(2026, 0, 5, 2, 30, 7))).toBe('chiso-backup-20260105-023007.tar');
	});

	it('removes all but the newest `keep` scheduled backups, never another file', () => {
		const names = [
			'chiso-backup-20261125-023000.tar',
			'chiso-backup-20261127-023000.tar',
			'chiso-backup-20261126-023000.tar',
			'chiso-backup-20261124-023000.tar',
			'chiso-backup-20261127-023000.tar.partial',
			'before-upgrade.tar',
			'notes.txt'
		];
		expect(backupsToRemove(names, 2)).toEqual(['chiso-backup-20261125-023000.tar', 'chiso-backup-20261124-023000.tar']);
		expect(backupsToRemove(names, 7)).toEqual([]);
	});
});
