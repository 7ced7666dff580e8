/**
 * /admin/backup (admins only): download a backup, see the daily schedule and
 * its files, and restore an uploaded backup on the running server. The work is
 * src/lib/server/backup-http.ts's and backup.ts's.
 */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf } from '$lib/server/auth/guard';
import { requireAdminPage, restoreUpload } from '$lib/server/backup-http';
import { BackupError } from '$lib/server/backup';
import { scheduleStatus } from '$lib/server/backup-schedule';
import { t } from '$lib/i18n';
import '$lib/i18n/areas/backup';

export const load: PageServerLoad = async (event) => {
	requireAdminPage(event);
	const { schedule, next, files } = scheduleStatus();
	return {
		schedule: schedule && { ...schedule, next: next?.toISOString() ?? null },
		files: files.map((f) => ({ name: f.name, bytes: f.bytes, at: f.at.toISOString() }))
	};
};

export const actions: Actions = {
	restore: async (event) => {
		const user = requireAdminPage(event);
		const { locale } = event.locals;
		const upload = (await event.request.formData().catch(() => null))?.get('file');
		if (!(upload instanceof File) || upload.size === 0) return fail(400, { error: t(locale, 'backup.restore.noFile') });
		try {
			const m = await restoreUpload(upload, actorOf(user, event));
			return {
				restored: t(locale, 'backup.restore.done', {
					createdAt: m.createdAt,
					version: m.chisoVersion,
					sha256: m.sha256,
					figures: m.tables.observations ?? 0,
					batches: m.tables.import_batches ?? 0
				})
			};
		} catch (error) {
			if (error instanceof BackupError) return fail(400, { error: t(locale, error.key, { ...error.params, file: upload.name }) });
			throw error;
		}
	}
};
