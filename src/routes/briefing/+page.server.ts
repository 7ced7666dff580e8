import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { BriefingInputError, loadBriefing, resolveBriefingRequest } from '$lib/server/briefing';
import { briefingView } from '$lib/ui/briefing-view';

/** The printable briefing: `?unit=&year=&indices=&lang=`; a wrong parameter is a 400 with the reason. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const params = url.searchParams;
	try {
		const request = await resolveBriefingRequest(locals.locale, {
			unit: params.get('unit'),
			year: params.get('year'),
			indices: params.get('indices')
		});
		return { view: briefingView(locals.locale, await loadBriefing(request), new Date()), search: url.search };
	} catch (e) {
		if (e instanceof BriefingInputError) error(400, e.message);
		throw e;
	}
};
