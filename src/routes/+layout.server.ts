import type { LayoutServerLoad } from './$types';
import { signinUrl } from '$lib/server/auth/guard';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	user: locals.user,
	// The header's sign-in link comes back to this page; none on the sign-in page itself.
	signinHref: url.pathname === '/signin' ? null : signinUrl(url, locals.locale)
});
