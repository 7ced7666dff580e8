// GET /api/observations?index=&year=&unit=&component=: ranked figures as JSON,
// or as an Arrow IPC stream with `Accept: application/vnd.apache.arrow.stream`.
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { indexParam, unitParam } from '$lib/server/api';
import { observationRows, observationsToArrow } from '$lib/server/observations-export';

const ARROW = 'application/vnd.apache.arrow.stream';

export const GET: RequestHandler = async ({ url, request }) => {
	const params = url.searchParams;
	const year = params.get('year');
	if (year !== null && !/^\d{4}$/.test(year)) error(400, `“year” must be a 4-digit year, not “${year}”`);
	const rows = await observationRows({
		indexId: (await indexParam(params.get('index')))?.id,
		year: year === null ? undefined : Number(year),
		unitCode: params.get('unit') ? (await unitParam(params.get('unit'))).code : undefined,
		componentId: params.get('component') ?? undefined
	});
	if (request.headers.get('accept')?.includes(ARROW)) {
		return new Response(observationsToArrow(rows) as BodyInit, { headers: { 'content-type': ARROW } });
	}
	return json(rows);
};
