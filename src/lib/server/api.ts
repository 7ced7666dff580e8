/**
 * Helpers of the read API: resolving query parameters the same way the CLI
 * resolves its arguments, and answering with a JSON error a person can act on.
 */
import { error } from '@sveltejs/kit';
import { findIndex } from '../domain/catalogue.ts';
import { loadCatalogue } from './reference.ts';
import { findUnit } from './queries/units.ts';

/** The unit named by `unit` (name, alias or code), or a 400 listing the closest names. */
export async function unitParam(value: string | null) {
	if (!value) error(400, 'the query parameter “unit” is required (a name, alias or code, e.g. unit=Kon%20Tum)');
	const match = await findUnit(value);
	if (!match.ok) error(400, `unknown unit “${value}”; closest: ${match.suggestions.join(', ')}`);
	return match.unit;
}

/** The index named by `index` (id, slug or short name), or undefined when absent; a 400 when unknown. */
export async function indexParam(value: string | null) {
	if (!value) return undefined;
	const { indices } = await loadCatalogue();
	const index = findIndex(indices, value);
	if (!index) error(400, `unknown index “${value}”; known: ${indices.map((i) => i.id).join(', ')}`);
	return index;
}
