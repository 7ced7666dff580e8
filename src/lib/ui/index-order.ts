/**
 * The order indices are shown in, everywhere (nav, cards, tables): the
 * directive's three first, as leaders read them, then any other by id.
 */

const FIRST = ['PAR_INDEX', 'PAPI', 'PCI'];

const place = (id: string) => (FIRST.includes(id) ? FIRST.indexOf(id) : FIRST.length);

/** True for the indices the directive sets targets for. */
export function isDirectiveIndex(id: string): boolean {
	return FIRST.includes(id);
}

/** A copy of `items` in display order. */
export function inDisplayOrder<T extends { id: string }>(items: T[]): T[] {
	return [...items].sort((a, b) => place(a.id) - place(b.id) || a.id.localeCompare(b.id));
}
