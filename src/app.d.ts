import type { Locale } from '$lib/i18n';
import type { User } from '$lib/server/auth/users';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in user of this request, or null. */
			user: User | null;
		}
		interface PageState {
			/** The query a page wrote with `replaceState` (a what-if scenario): `page.url` keeps the one it was loaded with. */
			search?: string;
		}
	}
}

export {};
