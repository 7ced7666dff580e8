import { acrossOf, equivalentText } from '../../src/lib/domain/rank-change.ts';
import { rankingTable } from '../../src/lib/server/queries/ranks.ts';
import { findComponent } from '../../src/lib/domain/validate-rows.ts';
import { loadCatalogue } from '../../src/lib/server/reference.ts';
import { formatNumber } from '../../src/lib/i18n/index.ts';
import { parseOptions, required, resolveIndex, UsageError, yearOption, type Command } from './command.ts';

export const ranks: Command = {
	usage: 'ranks --index I --year Y [--component C] [--json]',
	summary: 'the full ranking of an index (or a component) in a year, with rank changes',
	async run(args, { locale }) {
		const { values } = parseOptions(args, {
			index: { type: 'string' },
			year: { type: 'string' },
			component: { type: 'string' },
			json: { type: 'boolean', default: false }
		});
		const index = await resolveIndex(values.index);
		const year = yearOption(required(values, 'year'))!;
		const { components } = await loadCatalogue();
		const component = findComponent(components, index.id, values.component ?? null);
		if (!component) throw new UsageError(`unknown component; ${index.id} has ${components.filter((c) => c.indexId === index.id).map((c) => c.id).join(', ')}`);
		const rows = await rankingTable(index.id, year, component.id);
		if (values.json) {
			console.log(JSON.stringify(rows, null, 2));
			return 0;
		}
		console.log(locale === 'vi' ? 'hạng    đơn vị                 điểm      thay đổi  nguồn hạng' : 'rank    unit                   score     change    rank source');
		for (const r of rows) {
			const change = r.rankChange === null ? '' : r.rankChange > 0 ? `+${r.rankChange}` : String(r.rankChange);
			// Across a change of N the change is against the equivalent, and the line says which (issue 12).
			const across = acrossOf(r);
			console.log(
				`${(r.rank === null ? '—' : `${r.rank}/${r.n}`).padEnd(7)} ${r.unitName.padEnd(22)} ${(r.score === null ? '—' : formatNumber(locale, r.score)).padEnd(9)} ${change.padEnd(9)} ${r.rankSource ?? ''}${r.rankDiffers ? ' ≠' : ''}${across ? ` (${equivalentText(across)})` : ''}`
			);
		}
		return 0;
	}
};
