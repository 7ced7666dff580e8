import type { Messages } from '../index.ts';

/** English: import problems and command-line messages. */
export const importMessages = {
	'problem.where': 'File {file}, row {row}, column “{column}”: ',
	'problem.whereFile': 'File {file}: ',
	'problem.value': ' (value: “{value}”)',
	'problem.required': 'a required value is missing',
	'problem.year': 'the year must be a 4-digit number',
	'problem.year_range': 'the year must be between {min} and {max}',
	'problem.number': 'not a number (for example 64.89 or 64,89)',
	'problem.positive_integer': 'a rank must be a whole number of 1 or more',
	'problem.value_type': 'the value type must be “published” or “derived”',
	'problem.unknown_index': 'no such index; known indices: {known}',
	'problem.unknown_component': 'index {index} has no such component; components: {known}',
	'problem.component_year': 'component {component} is not part of {index} in {year}',
	'problem.unknown_unit': 'unknown unit; closest names: {suggestions}',
	'problem.ambiguous_unit': 'the name matches several units: {suggestions}',
	'problem.unit_year': 'the unit did not exist in {year} (merged or not yet created): {suggestions}',
	'problem.score_range': 'the score must be between 0 and {max}',
	'problem.rank_range': 'the rank must be between 1 and {max}',
	'problem.empty_figure': 'a row needs a score or a rank (not both empty)',
	'problem.duplicate': 'same key as row {other} (same index, year, unit, component)',
	'problem.missing_columns': 'missing column(s) {columns}; the header must have: {expected}',
	'problem.unknown_columns': 'unrecognised column(s): {columns}; valid columns: {expected}',
	'problem.empty_file': 'the file is empty: no data rows',
	'problem.not_text': 'the file cannot be read as CSV text (UTF-8)',
	'problem.conflict': 'differs from the stored figure ({old} → {new}); use --replace to replace it',
	'cli.dbLocked':
		'Cannot open the database {path}: the chiso server (or another process) holds it, and only one process may write at a time. To go on: stop the server and run the command again, or import the file on the running server\'s import page (/import).'
} satisfies Partial<Messages>;
