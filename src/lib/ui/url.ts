/**
 * Links that keep the view's state: unit, year, peers and language live in
 * the URL, so a link reproduces what was on screen. Pure; pages and the
 * layout call it.
 */

/** The view state carried from page to page (the year is per index, so it is not carried). */
export const CARRIED = ['unit', 'peers', 'lang'] as const;

/**
 * `path` with the carried parameters of `from`, then `set` applied (a null
 * value removes the parameter). Empty values are left out, so links stay short.
 */
export function linkTo(path: string, from: URLSearchParams, set: Record<string, string | null> = {}, carried: readonly string[] = CARRIED): string {
	const params = new URLSearchParams();
	for (const key of carried) {
		const value = from.get(key);
		if (value) params.set(key, value);
	}
	for (const [key, value] of Object.entries(set)) {
		if (value) params.set(key, value);
		else params.delete(key);
	}
	const query = params.toString();
	return query ? `${path}?${query}` : path;
}

/**
 * The same page in the other language: every parameter of `from` kept (a
 * what-if scenario, a filter), only `lang` set, or removed for Vietnamese.
 */
export function inLanguage(path: string, from: URLSearchParams, lang: 'vi' | 'en'): string {
	const params = new URLSearchParams(from);
	if (lang === 'vi') params.delete('lang');
	else params.set('lang', lang);
	const query = params.toString();
	return query ? `${path}?${query}` : path;
}

/** The `year` parameter as a year, or null when absent or not a plausible 4-digit year. */
export function yearParam(value: string | null): number | null {
	return value !== null && /^(19|20)\d\d$/.test(value.trim()) ? Number(value) : null;
}
