import { activeTargetsJson, targetsFor, type TargetReport } from '../../src/lib/server/targets.ts';
import { findUnit } from '../../src/lib/server/queries/units.ts';
import { formatNumber } from '../../src/lib/i18n/index.ts';
import { parseOptions, resolveIndex, UsageError, type Command } from './command.ts';
import { changeText, targetText } from '../../src/lib/ui/captions.ts';
import { acrossOf, equivalentText } from '../../src/lib/domain/rank-change.ts';

/** Resolves `--unit` and `--index` arguments, with the closest names on a miss. */
export async function resolveUnitAndIndex(unitName: string | undefined, indexName: string | undefined) {
	if (!unitName) throw new UsageError('--unit is required');
	const match = await findUnit(unitName);
	if (!match.ok) throw new UsageError(`unknown unit “${unitName}”; closest: ${match.suggestions.join(', ')}`);
	const indexId = indexName ? (await resolveIndex(indexName)).id : undefined;
	return { unit: match.unit, indexId };
}

const STATUS_WORDS = {
	vi: { baseline: 'năm gốc', met: 'đạt', missed: 'không đạt', undetermined: 'chưa xác định được', pending: 'chưa có dữ liệu', no_baseline: 'thiếu năm gốc' },
	en: { baseline: 'baseline', met: 'met', missed: 'missed', undetermined: 'undetermined', pending: 'pending', no_baseline: 'no baseline' }
} as const;

const REASON_WORDS = {
	vi: { n_changed: 'không so sánh được: số đơn vị xếp hạng khác năm gốc', lineage_changed: 'không so sánh được: đơn vị đã sáp nhập' },
	en: { n_changed: 'not comparable: a different number of units ranked', lineage_changed: 'not comparable: the unit was merged' }
} as const;

function printReport(report: TargetReport, locale: 'vi' | 'en') {
	const { rule } = report;
	const planText =
		rule.kind === 'rise'
			? `+${rule.firstStep} ${locale === 'vi' ? 'bậc so với' : 'places over'} ${rule.baselineYear}, → ${rule.horizon}`
			: `≤ ${rule.targetRank} ${locale === 'vi' ? 'đến' : 'by'} ${rule.horizon}`;
	console.log(`${report.unit.name} · ${report.index} · ${report.planId ?? (locale === 'vi' ? 'quy tắc mặc định' : 'default rule')} (${planText})`);
	if (report.baselineUnit && report.baselineUnit.code !== report.unit.code) {
		console.log(
			locale === 'vi'
				? `  năm gốc ${rule.baselineYear}: thứ hạng của ${report.baselineUnit.name} (mã ${report.baselineUnit.code}), đơn vị cũ mang tên này`
				: `  baseline ${rule.baselineYear}: the rank of ${report.baselineUnit.name} (code ${report.baselineUnit.code}), the former unit of this name`
		);
	}
	console.log(locale === 'vi' ? '  năm   hạng     mục tiêu  chênh  trạng thái' : '  year  rank     target    gap    status');
	for (const y of report.years) {
		const rank = y.rank !== null ? `${y.rank}/${y.n ?? '?'}` : y.rankMin !== null ? `${y.rankMin}–${y.rankMax}/${y.n ?? '?'}` : '—';
		const target = targetText(y);
		const flag = y.reason === null ? '' : ` (${REASON_WORDS[locale][y.reason]})`;
		console.log(
			`  ${y.year}  ${rank.padEnd(7)}  ${target.padEnd(8)}  ${String(y.gap ?? '—').padStart(5)}  ${STATUS_WORDS[locale][y.status]}${flag}`
		);
		const across = acrossOf(y);
		if (across) {
			console.log(`        ${y.year - 1} ${equivalentText(across)}: ${y.year} ${changeText(locale, y.change, across)}`);
		}
	}
	if (report.needed) {
		const n = report.needed;
		const [score, points] = [formatNumber(locale, n.scoreAtTarget), formatNumber(locale, n.points)];
		console.log(
			locale === 'vi'
				? `  ${n.year}: cần ${score} điểm để đạt hạng ${n.targetRank} (thêm ${points})`
				: `  ${n.year}: ${score} points needed for rank ${n.targetRank} (+${points})`
		);
	}
}

export const targets: Command = {
	usage: 'targets --unit NAME [--index I] [--json]',
	summary: 'the unit’s targets year by year: rank, target rank, gap and status (met / missed / pending)',
	async run(args, { locale }) {
		const { values } = parseOptions(args, { unit: { type: 'string' }, index: { type: 'string' }, json: { type: 'boolean', default: false } });
		const { unit, indexId } = await resolveUnitAndIndex(values.unit, values.index);
		if (values.json) {
			console.log(JSON.stringify(await activeTargetsJson(unit.code, indexId), null, 2));
		} else {
			for (const report of await targetsFor(unit.code, indexId)) printReport(report, locale);
		}
		return 0;
	}
};
