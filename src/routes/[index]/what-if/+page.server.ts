import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { t, toLocale } from '$lib/i18n';
import '$lib/i18n/areas/dashboard';
import { findIndex } from '$lib/domain/catalogue';
import { changesFromInputs } from '$lib/domain/what-if';
import { loadCatalogue } from '$lib/server/reference';
import { focusUnit } from '$lib/server/queries/units';
import { whatIfFor, whatIfYears } from '$lib/server/what-if';
import { yearParam } from '$lib/ui/url';

/** Parameters that are not component scores. */
const RESERVED = new Set(['unit', 'year', 'lang', 'target', 'peers']);
const targetParam = z.coerce.number().int().min(1).max(100_000);

// The scenario lives in the URL (a GET form), so it can be sent to a colleague and works without JavaScript.
export const load: PageServerLoad = async ({ params, url }) => {
	const locale = toLocale(url.searchParams.get('lang'));
	const { indices, components } = await loadCatalogue();
	const index = findIndex(indices, params.index);
	if (!index) error(404, t(locale, 'index.unknown', { slug: params.index }));
	const asked = yearParam(url.searchParams.get('year'));
	const unit = await focusUnit(url.searchParams.get('unit'), asked);
	const years = await whatIfYears(unit.code, index.id);
	const year = asked !== null && years.includes(asked) ? asked : years.at(-1) ?? null;
	const base = { locale, index, unit: { code: unit.code, name: unit.nameVi }, years, year };
	if (year === null) return { ...base, whatIf: null, components: [], badTarget: null, notDecimal: [] };

	// Read as the page reads its inputs: a comma or a point, nothing else guessed.
	const { changes, problems: notDecimal } = changesFromInputs([...url.searchParams].filter(([key]) => !RESERVED.has(key)));
	const targetText = url.searchParams.get('target')?.trim() ?? '';
	const target = targetText === '' ? null : targetParam.safeParse(targetText);
	const whatIf = await whatIfFor(base.unit, index, year, changes, target?.success ? target.data : null);
	return {
		...base,
		whatIf,
		components: components.filter((c) => c.indexId === index.id),
		badTarget: target && !target.success ? targetText : null,
		notDecimal
	};
};
