/**
 * POST /api/import/commit: imports an uploaded file as one batch, all or
 * nothing, re-validated by the pipeline; changed figures only with
 * `replace: true` (the page asks the analyst first). Analysts and admins only.
 */
import type { RequestHandler } from './$types';
import { actorOf, requireRole } from '$lib/server/auth/guard';
import { commitRequestSchema } from '$lib/domain/import-request';
import { commitUpload } from '$lib/server/import/web-import';
import { progressStream, readJson } from '$lib/server/import/http';

export const POST: RequestHandler = async (event) => {
	const user = requireRole(event, 'analyst');
	const request = await readJson(event.request, commitRequestSchema);
	return progressStream((onProgress) => commitUpload(request, actorOf(user, event), event.locals.locale, onProgress));
};
