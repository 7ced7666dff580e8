/**
 * POST /api/import/preview: reads, validates and diffs an uploaded file with
 * the import pipeline, writing nothing; streams progress, then the preview or
 * the problems. Analysts and admins only.
 */
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { readRequestSchema } from '$lib/domain/import-request';
import { previewUpload } from '$lib/server/import/web-import';
import { progressStream, readJson } from '$lib/server/import/http';

export const POST: RequestHandler = async (event) => {
	requireRole(event, 'analyst');
	const request = await readJson(event.request, readRequestSchema);
	return progressStream((onProgress) => previewUpload(request, event.locals.locale, onProgress));
};
