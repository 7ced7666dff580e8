import type { LayoutServerLoad } from './$types';
import { toLocale } from '$lib/i18n';
import { signinUrl } from '$lib/server/auth/guard';
import { loadCatalogue } from '$lib/server/reference';
import { unitChoices } from '$lib/server/queries/dashboard';
import { inDisplayOrder } from '$lib/ui/index-order';

// The language is read from the URL here (not only in hooks) so that SvelteKit
// reruns the load when a link switches it.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const locale = toLocale(url.searchParams.get('lang'));
	const [catalogue, units] = await Promise.all([loadCatalogue(), unitChoices()]);
	return {
		locale,
		user: locals.user,
		// The header's sign-in link comes back to this page; none on the sign-in page itself.
		signinHref: url.pathname === '/signin' ? null : signinUrl(url, locale),
		nav: inDisplayOrder(catalogue.indices).map((i) => ({ id: i.id, slug: i.slug, shortVi: i.shortVi, shortEn: i.shortEn })),
		units
	};
};
