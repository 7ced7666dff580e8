/** `chiso whatif`: the what-if simulator of /{index}/what-if on the command line (issue 15). */
import { TOTAL } from '../../src/lib/domain/catalogue.ts';
import { parseChange, type ComponentChange } from '../../src/lib/domain/what-if.ts';
import { formatNumber, t } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/whatif.ts';
import { loadCatalogue } from '../../src/lib/server/reference.ts';
import { NoFigureError, whatIfFor, whatIfJson, whatIfYears } from '../../src/lib/server/what-if.ts';
import { resolveUnitAndIndex } from './targets.ts';
import { parseOptions, resolveIndex, UsageError, type Command } from './command.ts';

export const whatif: Command = {
	usage: 'whatif --unit U --index I [--year Y] [--set ID=VALUE|ID=+DELTA …] [--target R] [--json]',
	summary: 'projected total and rank after changing component scores, and the cheapest path to the target rank',
	async run(args, { locale }) {
		const { values } = parseOptions(args, {
			unit: { type: 'string' },
			index: { type: 'string' },
			year: { type: 'string' },
			set: { type: 'string', multiple: true },
			target: { type: 'string' },
			json: { type: 'boolean', default: false }
		});
		const index = await resolveIndex(values.index);
		const { unit } = await resolveUnitAndIndex(values.unit, undefined);
		const { components } = await loadCatalogue();
		const years = await whatIfYears(unit.code, index.id);
		const year = values.year === undefined ? years.at(-1) : Number(values.year);
		if (year === undefined || !years.includes(year)) {
			throw new UsageError(`--year: ${unit.nameVi} has a ${index.id} total in ${years.join(', ') || 'no year'}, not ${values.year ?? '—'}`);
		}
		const changes: ComponentChange[] = (values.set ?? []).map((text) => {
			const change = parseChange(text);
			if (!change) throw new UsageError(`--set “${text}”: expected ID=VALUE or ID=+DELTA, e.g. pci_s3=7.2 or pci_s3=+0.5`);
			return change;
		});
		let target: number | null = null;
		if (values.target !== undefined) {
			target = Number(values.target);
			if (!Number.isInteger(target) || target < 1) throw new UsageError(`--target “${values.target}”: expected a whole number ≥ 1`);
		}
		let w;
		try {
			w = await whatIfFor({ code: unit.code, name: unit.nameVi }, index, year, changes, target);
		} catch (error) {
			if (error instanceof NoFigureError) throw new UsageError(`no total for ${error.message}`);
			throw error;
		}
		if (w.problems.length > 0) {
			const p = w.problems[0];
			throw new UsageError(
				p.kind === 'unknown_component'
					? `--set ${p.component}: ${index.id} ${year} has ${p.known.join(', ')}`
					: `--set ${p.component}: ${p.value} is outside ${p.min}–${p.max ?? '—'}`
			);
		}
		if (values.json) {
			console.log(JSON.stringify(whatIfJson(w), null, 2));
			return 0;
		}
		const num = (v: number) => formatNumber(locale, v);
		const name = (id: string) => {
			if (id === TOTAL) return t(locale, 'whatif.total');
			const c = components.find((x) => x.indexId === index.id && x.id === id);
			return c ? (locale === 'vi' ? c.nameVi : c.nameEn) : id;
		};
		const rank = (r: number | null) => (r === null ? '—' : `${r}/${w.n ?? '?'}`);
		const r = w.result;
		console.log(t(locale, 'whatif.title', { index: index.shortEn, unit: unit.nameVi, year }));
		if (w.totalOnlyReason) console.log(`  ${t(locale, `whatif.totalOnly.${w.totalOnlyReason}`, { index: index.shortEn, unit: unit.nameVi, year })}`);
		console.log(`  ${t(locale, 'whatif.result.total')}: ${num(r.total)} (${t(locale, 'whatif.result.actualTotal', { total: num(w.actualTotal) })})`);
		console.log(`  ${t(locale, 'whatif.result.rank')}: ${rank(r.rank)} (${t(locale, 'whatif.result.actualRank', { rank: rank(w.actualRank) })})`);
		if (w.others === null) console.log(`  ${t(locale, 'whatif.result.noRank')}`);
		const tg = r.target;
		if (tg) {
			console.log(`  ${t(locale, 'whatif.result.target', { year })}: ${t(locale, r.met ? 'whatif.result.met' : 'whatif.result.missed', { rank: tg.rank })}`);
			console.log(`  ${t(locale, 'whatif.path.title', { rank: tg.rank })}:`);
			if (!tg.reachable) console.log(`    ${t(locale, 'whatif.path.unreachable', { rank: tg.rank })}`);
			else if (tg.path.length === 0) console.log(`    ${t(locale, 'whatif.path.none', { rank: tg.rank })}`);
			else {
				console.log(`    ${t(locale, 'whatif.path.intro', { gain: num(tg.gainNeeded), needed: num(tg.totalNeeded ?? 0) })}`);
				for (const step of tg.path) console.log(`    ${name(step.component)}: ${num(step.from)} → ${num(step.to)} (+${num(step.to - step.from)})`);
				console.log(`    ${t(locale, 'whatif.path.points', { points: num(tg.pathPoints) })}`);
			}
		}
		return 0;
	}
};
