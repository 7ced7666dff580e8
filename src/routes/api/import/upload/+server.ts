/**
 * POST /api/import/upload (multipart, field `file`): stores the file for its
 * preview and commit (src/lib/server/import/uploads.ts) after checking its
 * content. Analysts and admins only.
 */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { saveUpload, UploadError } from '$lib/server/import/uploads';
import { t } from '$lib/i18n';
import '$lib/i18n/areas/webimport';

export const POST: RequestHandler = async (event) => {
	requireRole(event, 'analyst');
	const { locale } = event.locals;
	const form = await event.request.formData().catch(() => null);
	const file = form?.get('file');
	if (!(file instanceof File)) error(400, t(locale, 'webimport.error.noFile'));
	try {
		return json(saveUpload(Buffer.from(await file.arrayBuffer()), file.name), { status: 201 });
	} catch (e) {
		if (e instanceof UploadError) error(415, t(locale, e.key, e.params));
		throw e;
	}
};
