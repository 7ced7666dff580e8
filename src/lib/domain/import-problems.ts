/**
 * Import problems: what is wrong, where (file, sheet, row, column) and with which
 * value, kept as data so the CLI, the web form and the tests word them alike.
 */
import { t, type Locale, type MessageKey } from '../i18n/index.ts';
import '../i18n/areas/import.ts';

export type ProblemCode =
	| 'required'
	| 'year'
	| 'year_range'
	| 'number'
	| 'positive_integer'
	| 'value_type'
	| 'unknown_index'
	| 'unknown_component'
	| 'component_year'
	| 'unknown_unit'
	| 'ambiguous_unit'
	| 'unit_year'
	| 'score_range'
	| 'rank_range'
	| 'empty_figure'
	| 'bound_order'
	| 'bound_contradicts'
	| 'bound_conflict'
	| 'duplicate'
	| 'missing_columns'
	| 'unknown_columns'
	| 'empty_file'
	| 'not_text'
	| 'conflict'
	| 'unreadable'
	| 'old_xls'
	| 'encrypted'
	| 'not_xlsx'
	| 'damaged_xlsx'
	| 'zip_too_large'
	| 'zip_ratio'
	| 'unknown_sheet'
	| 'needs_index_year'
	| 'bad_mapping'
	| 'unknown_preset'
	| 'no_unit_column'
	| 'unplaced_columns'
	| 'mapping_target'
	| 'duplicate_column'
	| 'no_component_columns'
	| 'too_many_problems';

export interface ImportProblem {
	file: string;
	sheet?: string;
	/** 1-based line or row number as the analyst sees it in the file (header = 1). */
	row?: number;
	column?: string;
	value?: string;
	code: ProblemCode;
	params?: Record<string, string | number>;
}

/** An import that was refused; nothing was written. */
export class ImportError extends Error {
	constructor(readonly problems: ImportProblem[]) {
		super(problems.map((p) => formatProblem(p, 'en')).join('\n'));
		this.name = 'ImportError';
	}
}

/**
 * Problems listed in full; beyond them only a count. A systematically wrong file
 * of millions of rows would otherwise hold millions of problems in memory (and
 * on the page); the first thousand show what is wrong.
 */
export const MAX_PROBLEMS = 1000;

/** The first MAX_PROBLEMS problems, and one more saying how many were left out of `total`. */
export function capProblems(problems: ImportProblem[], total: number, where: { file: string; sheet?: string }): ImportProblem[] {
	const shown = problems.slice(0, MAX_PROBLEMS);
	const more = Math.max(total, problems.length) - shown.length;
	if (more <= 0) return shown;
	return [...shown, { file: where.file, sheet: where.sheet, code: 'too_many_problems', params: { shown: shown.length, more } }];
}

const MAX_VALUE_SHOWN = 80;

/** One problem as a sentence: "File x.csv, row 12, column “score”: not a number (value: “abc”)". */
export function formatProblem(problem: ImportProblem, locale: Locale): string {
	const file = problem.sheet ? `${problem.file} [${problem.sheet}]` : problem.file;
	const where =
		problem.row === undefined
			? t(locale, problem.column === undefined ? 'problem.whereFile' : 'problem.whereColumn', { file, column: problem.column ?? '' })
			: t(locale, problem.column === undefined ? 'problem.whereRow' : 'problem.where', { file, row: problem.row, column: problem.column ?? '' });
	const what = t(locale, `problem.${problem.code}` as MessageKey, problem.params ?? {});
	let value = '';
	if (problem.value !== undefined) {
		const shown =
			problem.value.length > MAX_VALUE_SHOWN ? `${problem.value.slice(0, MAX_VALUE_SHOWN)}…` : problem.value;
		value = t(locale, 'problem.value', { value: shown });
	}
	return where + what + value;
}
