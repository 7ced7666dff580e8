import type { Locale } from '$lib/i18n';
import type { User } from '$lib/server/auth/users';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in user of this request, or null. */
			user: User | null;
		}
	}
}

export {};
