/**
 * `GET /briefing/pdf?unit=&year=&indices=&lang=`: the "Tải PDF" button. A thin
 * wrapper: checks the parameters (a wrong one is a 400 rather than a failed
 * print), then `renderBriefingPdf` prints this server's own `/briefing` page
 * with the same query, over loopback, in the server's kept Chromium (two at a time).
 */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { PdfExportError, renderBriefingPdf, selfOrigin } from '$lib/server/briefing-pdf';
import { briefingFileName } from '$lib/server/views/briefing';
import { sessionCookieName } from '$lib/server/auth/guard';
import { briefingRequest } from '../request';

export const GET: RequestHandler = async ({ url, locals, cookies }) => {
	const request = await briefingRequest(locals.locale, url.searchParams);
	try {
		const name = sessionCookieName(url);
		const value = cookies.get(name);
		const pdf = await renderBriefingPdf(`${selfOrigin(url.origin)}/briefing${url.search}`, locals.locale, value ? { name, value } : undefined);
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${briefingFileName(locals.locale, request.unit, request.year)}"`
			}
		});
	} catch (e) {
		if (e instanceof PdfExportError) error(503, e.message);
		throw e;
	}
};
