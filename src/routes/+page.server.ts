import type { PageServerLoad } from './$types';
import { toLocale } from '$lib/i18n';
import { focusUnit } from '$lib/server/queries/units';
import { overview } from '$lib/server/views/overview';
import { yearParam } from '$lib/ui/url';

export const load: PageServerLoad = async ({ url }) => {
	// Read from the URL (not locals) so that switching the language reruns the load.
	const locale = toLocale(url.searchParams.get('lang'));
	const year = yearParam(url.searchParams.get('year'));
	const unit = await focusUnit(url.searchParams.get('unit'), year);
	return { view: await overview(locale, unit, year) };
};
