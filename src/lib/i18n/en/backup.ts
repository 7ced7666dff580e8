/** English: backups and restores (`chiso backup|restore`, /admin/backup, the daily schedule). */
export const backupMessages = {
	'backup.heading': 'Backup and restore',
	'backup.intro':
		'A backup is one .tar file holding the whole database (figures, import batches, plans, accounts) as Parquet, with a manifest giving the chiso version, the migration level, the rows of every table and SHA-256 checksums. The file is read back and checked right after it is written.',
	'backup.download': 'Download a backup',
	'backup.schedule.heading': 'Scheduled backups',
	'backup.schedule.off': 'Off. Set CHISO_BACKUP_DIR (where to keep them), CHISO_BACKUP_AT (daily time, default 02:30) and CHISO_BACKUP_KEEP (how many to keep, default 7), then restart the server.',
	'backup.schedule.on': 'Daily at {at} (server time), into {dir}; the latest {keep} are kept. Next: {next}.',
	'backup.schedule.none': 'No scheduled backup yet.',
	'backup.col.file': 'File',
	'backup.col.size': 'Size (kB)',
	'backup.col.time': 'Taken',
	'backup.restore.heading': 'Restore from a backup',
	'backup.restore.warning':
		'All current data is replaced by the backup’s content (sign-in sessions aside). The file is checked in full first; a truncated, corrupted or foreign file changes nothing.',
	'backup.restore.file': 'Backup file (.tar)',
	'backup.restore.submit': 'Check and restore',
	'backup.restore.noFile': 'Choose a backup file.',
	'backup.restore.done': 'Restored the backup of {createdAt} (chiso {version}, SHA-256 {sha256}): {figures} figures, {batches} import batches.',
	'backup.done': 'Backed up to {file}: {bytes} bytes, {tables} tables, {figures} figures, SHA-256 {sha256}.',
	'backup.verified': '{file}: a valid backup of {createdAt} (chiso {version}, migration {level}), {figures} figures, SHA-256 {sha256}.',
	'backup.restored': 'Restored {file} into {path}: the backup of {createdAt}, {figures} figures. Everyone signs in again.',
	'backup.lockedBackup':
		'Cannot back up {path} from the command line: a chiso server (or another process) holds the file. To go on: download a backup on the Backup page (/admin/backup) of the running server, or set CHISO_BACKUP_DIR for the server’s daily backups.',
	'backup.locked':
		'Cannot restore into {path}: a chiso server (or another process) holds the file. To go on: stop the server and run the command again, or restore on the Backup page (/admin/backup) of the running server.',
	'backup.error.missing': 'File {file} not found.',
	'backup.error.foreign': '{file} is not a chiso backup (expected a .tar made by “chiso backup” or the Backup page). Nothing was changed.',
	'backup.error.truncated': 'The backup {file} is incomplete: the file was cut short. Nothing was changed.',
	'backup.error.corrupted': 'The backup {file} is corrupted: {part} does not match its manifest (SHA-256 or row count). Nothing was changed.',
	'backup.error.newer': 'The backup {file} was made by chiso {version}, whose database schema is newer than this version’s. Update chiso, then restore. Nothing was changed.',
	'backup.error.unreadable': 'DuckDB could not read the backup {file} ({reason}). Nothing was changed.',
	'backup.error.schedule': 'Invalid backup schedule: {name}="{value}", expected {expected}.'
} as const;
