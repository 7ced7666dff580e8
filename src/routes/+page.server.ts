import type { PageServerLoad } from './$types';
import { focusUnit } from '$lib/server/queries/units';
import { overview } from '$lib/server/views/overview';
import { yearParam } from '$lib/ui/url';

export const load: PageServerLoad = async ({ url, locals }) => {
	const year = yearParam(url.searchParams.get('year'));
	const unit = await focusUnit(url.searchParams.get('unit'), year);
	return { view: await overview(locals.locale, unit, year) };
};
