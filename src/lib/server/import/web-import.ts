/**
 * The web import: preview and commit of an uploaded file through the same
 * pipeline as `chiso import` (`prepareImport`, `commitObservations`,
 * `importFile`), shaped for the /import page. No reading, mapping, validation
 * or writing of its own: only how the results are shown.
 */
import { ImportError, type ImportProblem } from '../../domain/import-problems.ts';
import type { Mapping } from '../../domain/import-mapping.ts';
import type { CommitRequest, ReadRequest } from '../../domain/import-request.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import '../../i18n/areas/import.ts';
import '../../i18n/areas/webimport.ts';
import { query } from '../db.ts';
import type { Actor } from '../audit.ts';
import type { ComponentDef } from '../../domain/catalogue.ts';
import { loadCatalogue } from '../reference.ts';
import { skippedByReason } from '../../domain/column-matching.ts';
import type { WideLayout } from '../../domain/wide-table.ts';
import { commitObservations, importFile, prepareImport, type ChangedFigure, type ProgressListener, type ReadOptions, type SheetChoice } from './pipeline.ts';
import { baseName, removeUpload, uploadPath } from './uploads.ts';

/** One problem as the page lists it: where, the value, and what was expected, in the interface language. */
export interface ProblemView {
	code: ImportProblem['code'] | 'upload_gone';
	file: string;
	sheet: string | null;
	row: number | null;
	column: string | null;
	value: string | null;
	message: string;
}

export interface ChangeView {
	line: number;
	unit: string;
	component: string;
	year: number;
	old: ChangedFigure['old'];
	new: ChangedFigure['new'];
}

/** Changed figures listed in full up to this many; the counts are always complete. */
const CHANGES_SHOWN = 500;

export interface Preview {
	fileName: string;
	sha256: string;
	format: string;
	sheet: string | null;
	sheetNames: string[];
	/** Why this sheet was read, when the workbook has several. */
	sheetChoice: SheetChoice | null;
	shape: 'canonical' | 'wide';
	/** How a wide table was read, column by column; null for a canonical long file. */
	layout: {
		orientation: string;
		headerRow: number;
		unitHeader: string;
		deriveTotal: boolean;
		ignoredLines: number[];
		skippedLines: WideLayout['skippedLines'];
		missingCells: number;
		/** Skipped columns by reason (sub-components, indicators…), counted with the first names. */
		skipped: ReturnType<typeof skippedByReason>;
		columns: { header: string; target: string; reason: string }[];
	} | null;
	/** The complete mapping that reads the file this way (edited by the page, saved as a preset). */
	mapping: Mapping | null;
	rows: number;
	rowsNew: number;
	rowsUnchanged: number;
	rowsChanged: number;
	changed: ChangeView[];
	/** The committed batch that already holds this very file, if any. */
	alreadyImported: number | null;
}

export type PreviewOutcome = { ok: true; preview: Preview } | { ok: false; problems: ProblemView[] };

/** The upload missing (expired or never sent) as an import problem, worded like the others. */
export class UploadGoneError extends Error {
	constructor(readonly fileName: string) {
		super(`upload of ${fileName} not found`);
		this.name = 'UploadGoneError';
	}
}

function readOptions(request: ReadRequest, onProgress?: ProgressListener): ReadOptions {
	const file = uploadPath(request.sha256);
	if (!file) throw new UploadGoneError(request.fileName);
	return {
		file,
		fileName: baseName(request.fileName),
		indexId: request.indexId,
		year: request.year,
		sheet: request.sheet,
		mapping: request.mapping,
		onProgress
	};
}

/** Reads, validates and diffs an upload against the database, writing nothing. */
export async function previewUpload(request: ReadRequest, locale: Locale, onProgress?: ProgressListener): Promise<PreviewOutcome> {
	try {
		const options = readOptions(request, onProgress);
		const prepared = await prepareImport(options);
		const diff = await commitObservations(prepared, {
			fileName: prepared.fileName,
			sha256: prepared.sha256,
			importedBy: '',
			dryRun: true,
			onProgress
		});
		const [catalogue, unitNames, previous] = await Promise.all([
			loadCatalogue(),
			query<{ code: string; name: string }>('SELECT code, name_vi AS name FROM units'),
			query<{ id: number }>("SELECT id FROM import_batches WHERE sha256 = $1 AND status = 'committed' ORDER BY id LIMIT 1", [prepared.sha256])
		]);
		const names = new Map(unitNames.map((u) => [u.code, u.name]));
		const columnTarget = (header: string) => prepared.mapping?.columns?.[header] ?? 'skip';
		return {
			ok: true,
			preview: {
				fileName: prepared.fileName,
				sha256: prepared.sha256,
				format: prepared.format,
				sheet: prepared.sheet,
				sheetNames: prepared.sheetNames,
				sheetChoice: prepared.sheetChoice,
				shape: prepared.shape,
				layout: prepared.layout && {
					orientation: prepared.layout.orientation,
					headerRow: prepared.layout.headerRow,
					unitHeader: prepared.layout.unitHeader,
					deriveTotal: prepared.layout.deriveTotal,
					ignoredLines: prepared.layout.ignoredLines,
					skippedLines: prepared.layout.skippedLines,
					missingCells: prepared.layout.missingCells,
					skipped: skippedByReason(prepared.layout.placements),
					columns: prepared.layout.placements.map((p) => ({ header: p.header, target: columnTarget(p.header), reason: p.reason }))
				},
				mapping: prepared.mapping,
				rows: diff.rows,
				rowsNew: diff.rowsNew,
				rowsUnchanged: diff.rowsUnchanged,
				rowsChanged: diff.rowsChanged,
				changed: diff.changed.slice(0, CHANGES_SHOWN).map((c) => ({
					line: c.line,
					unit: names.get(c.key.unitCode) ?? c.key.unitCode,
					component: componentLabel(catalogue.components, c.key.indexId, c.key.componentId, locale),
					year: c.key.year,
					old: c.old,
					new: c.new
				})),
				alreadyImported: previous[0]?.id ?? null
			}
		};
	} catch (error) {
		return { ok: false, problems: problemViews(error, locale) };
	}
}

export type CommitOutcome =
	| { ok: true; status: 'committed' | 'already_imported'; batchId: number | null; rows: number; rowsNew: number; rowsChanged: number }
	| { ok: false; problems: ProblemView[] };

/**
 * Commits an upload: the pipeline reads and validates the stored file again
 * (the database may have changed since the preview), and replaces changed
 * figures only when the analyst confirmed it. The upload is deleted once committed.
 */
export async function commitUpload(request: CommitRequest, by: Actor, locale: Locale, onProgress?: ProgressListener): Promise<CommitOutcome> {
	try {
		const options = readOptions(request, onProgress);
		const result = await importFile({ ...options, importedBy: by.name, address: by.address, source: request.source?.trim() || null, replace: request.replace });
		removeUpload(request.sha256);
		return {
			ok: true,
			status: result.status === 'already_imported' ? 'already_imported' : 'committed',
			batchId: result.batchId,
			rows: result.rows,
			rowsNew: result.rowsNew,
			rowsChanged: result.rowsChanged
		};
	} catch (error) {
		return { ok: false, problems: problemViews(error, locale) };
	}
}

/** A component's name in the interface language (its id when the catalogue has no such component). */
export function componentLabel(components: ComponentDef[], indexId: string, id: string, locale: Locale): string {
	const c = components.find((x) => x.indexId === indexId && x.id === id);
	return c ? (locale === 'vi' ? c.nameVi : c.nameEn) : id;
}

/** Import problems (or a missing upload) as rows of the page's problem table; anything else is a real error. */
export function problemViews(error: unknown, locale: Locale): ProblemView[] {
	if (error instanceof UploadGoneError) {
		return [{ code: 'upload_gone', file: error.fileName, sheet: null, row: null, column: null, value: null, message: t(locale, 'webimport.error.uploadGone') }];
	}
	if (!(error instanceof ImportError)) throw error;
	return error.problems.map((p: ImportProblem) => ({
		code: p.code,
		file: p.file,
		sheet: p.sheet ?? null,
		row: p.row ?? null,
		column: p.column ?? null,
		value: p.value ?? null,
		message: t(locale, problemKey(p.code), p.params ?? {})
	}));
}

// Problems whose pipeline wording points at command-line flags (--replace, --map) are worded for the page instead.
const WEB_WORDING = new Set(['conflict', 'needs_index_year', 'unplaced_columns', 'no_unit_column']);

function problemKey(code: ImportProblem['code']): MessageKey {
	return (WEB_WORDING.has(code) ? `webimport.problem.${code}` : `problem.${code}`) as MessageKey;
}
