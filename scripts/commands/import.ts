import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discardPrepared, importFile, prepareImport, type ImportPhase, type PreparedImport, type ReadOptions } from '../../src/lib/server/import/pipeline.ts';
import { loadPreset, savePreset } from '../../src/lib/server/import/presets.ts';
import { ImportError } from '../../src/lib/domain/import-problems.ts';
import { mergeMappings, parseMapping, type Mapping } from '../../src/lib/domain/import-mapping.ts';
import { skippedByReason } from '../../src/lib/domain/column-matching.ts';
import { pastedToTsv } from '../../src/lib/domain/pasted-table.ts';
import { t, type Locale } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/import.ts';
import { cliActor, currentUser, parseOptions, UsageError, yearOption, type Command } from './command.ts';

export const importCommand: Command = {
	usage:
		'import FILE|- [--index I --year Y] [--sheet S] [--map MAP.json] [--write-map MAP.json] [--preset P] [--save-preset P] [--source TEXT] [--dry-run] [--replace]',
	summary:
		'import a canonical long file or a published wide table (.csv, .xlsx, .parquet, .arrow), or with - a table pasted on stdin (tab- or multi-space-separated); all or nothing',
	async run(args, { locale }) {
		const { values, positionals } = parseOptions(args, {
			index: { type: 'string' },
			year: { type: 'string' },
			sheet: { type: 'string' },
			map: { type: 'string' },
			'write-map': { type: 'string' },
			preset: { type: 'string' },
			'save-preset': { type: 'string' },
			source: { type: 'string' },
			replace: { type: 'boolean', default: false },
			'dry-run': { type: 'boolean', default: false }
		});
		if (positionals.length !== 1) throw new UsageError('import takes exactly one file');
		const year = yearOption(values.year);
		const mapping = mergeMappings(values.preset ? await loadPreset(values.preset) : undefined, values.map ? readMapping(values.map) : undefined);
		const input = positionals[0] === '-' ? stdinTable() : { file: positionals[0] };
		if (values['write-map']) return writeMap(values['write-map'], { ...input, indexId: values.index, year, sheet: values.sheet, mapping }, locale);
		const result = await importFile({
			...input,
			indexId: values.index,
			year,
			sheet: values.sheet,
			mapping,
			source: values.source ?? null,
			importedBy: currentUser(),
			replace: values.replace,
			dryRun: values['dry-run'],
			onProgress: progressPrinter(locale)
		});
		printLayout(result.prepared, locale);
		if (values['save-preset'] && result.prepared.mapping) {
			await savePreset(values['save-preset'], values.index ?? null, result.prepared.mapping, cliActor());
			console.log(t(locale, 'import.presetSaved', { name: values['save-preset'] }));
		}
		if (result.status === 'already_imported') {
			console.log(t(locale, 'import.alreadyImported', { batch: result.batchId ?? '' }));
			return 0;
		}
		// The first CHANGES_LISTED changed figures; the summary line has their exact count.
		for (const c of result.changed) {
			// A bound (issue 13) is shown in its notation after the figure it stands beside or for.
			const bound = (f: typeof c.old) => (f.bound === undefined ? '' : ` ${f.bound}`);
			console.log(
				`  ${c.key.indexId} ${c.key.year} ${c.key.unitCode} ${c.key.componentId}: ${c.old.score ?? '∅'} #${c.old.rank ?? '∅'}${bound(c.old)} → ${c.new.score ?? '∅'} #${c.new.rank ?? '∅'}${bound(c.new)}`
			);
		}
		const summary = t(locale, 'import.summary', {
			rows: result.rows, new: result.rowsNew, unchanged: result.rowsUnchanged, changed: result.rowsChanged
		});
		console.log(summary + (result.status === 'dry_run' ? t(locale, 'import.dryRun') : t(locale, 'import.committed', { batch: result.batchId ?? '' })));
		return 0;
	}
};

/**
 * `--write-map FILE`: reads the file as an import would, guessing what it
 * cannot place (the first of two readings, else skip), and writes the complete
 * mapping (sheet, orientation, header row, unit column, every name's target,
 * and under "candidates" what each guess could have been). Imports nothing;
 * `--map FILE` then imports with it, as written or after editing a line.
 */
async function writeMap(out: string, options: ReadOptions, locale: Locale): Promise<number> {
	const prepared = await prepareImport({ ...options, draft: true });
	discardPrepared(prepared);
	if (!prepared.mapping) throw new UsageError('--write-map needs a published wide table and --index and --year');
	fs.writeFileSync(out, JSON.stringify(prepared.mapping, null, '\t') + '\n');
	printLayout(prepared, locale);
	const unsure = Object.keys(prepared.mapping.candidates ?? {}).length;
	console.log(t(locale, 'import.mapWritten', { file: out, names: Object.keys(prepared.mapping.columns ?? {}).length, unsure }));
	return 0;
}

/**
 * A table pasted on stdin (`chiso import - --index I --year Y < table.txt`),
 * converted as the web page converts a paste and kept in a temporary file
 * named stdin.tsv, which the batch records as its source file.
 */
function stdinTable(): { file: string; fileName: string } {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-stdin-')), 'stdin.tsv');
	fs.writeFileSync(file, pastedToTsv(fs.readFileSync(0, 'utf8')));
	return { file, fileName: 'stdin.tsv' };
}

function readMapping(file: string): Mapping {
	const parsed = parseMapping(fs.readFileSync(file, 'utf8'));
	if (parsed.ok) return parsed.mapping;
	throw new ImportError([{ file: path.basename(file), code: 'bad_mapping', params: { issues: parsed.issues.join('; ') } }]);
}

/** Prints each step of a long import on stderr, so that stdout stays the result. */
function progressPrinter(locale: Locale) {
	let last: ImportPhase | null = null;
	return ({ phase, done, total }: { phase: ImportPhase; done: number; total: number }) => {
		if (phase === last && phase !== 'stage') return;
		last = phase;
		console.error(t(locale, `import.progress.${phase}`, { done, total }));
	};
}

/** How a wide table was understood: the preview of its columns. */
function printLayout(prepared: PreparedImport, locale: Locale) {
	const layout = prepared.layout;
	if (!layout) return;
	console.log(
		t(locale, 'import.layout', {
			sheet: prepared.sheet ?? prepared.fileName,
			row: layout.headerRow,
			unit: layout.unitHeader,
			transposed: layout.orientation === 'units_in_columns' ? t(locale, 'import.transposed') : ''
		})
	);
	if (prepared.sheetChoice) console.log(t(locale, 'import.sheetChoice', { ...prepared.sheetChoice }));
	for (const p of layout.placements) {
		if (p.role === 'skip' && (p.reason === 'alias' || p.reason === 'mapping')) {
			console.log(t(locale, 'import.skipped', { header: p.header, reason: t(locale, 'import.reason.skip') }));
		} else if (p.role !== 'skip') {
			console.log(t(locale, 'import.column', { header: p.header, target: p.role === 'rank' ? `${p.componentId} (rank)` : p.componentId! }));
		}
	}
	// Skipped by kind, counted with the first few names: a full workbook skips ~120 indicator rows.
	for (const group of skippedByReason(layout.placements)) {
		console.log(t(locale, 'import.skippedGroup', { ...group, reason: t(locale, `import.reason.${group.reason}`) }));
	}
	if (layout.skippedLines.length > 0) {
		const lines = layout.skippedLines.map((l) => `${l.at} «${l.text}»`).join(', ');
		console.log(t(locale, 'import.skippedLines', { count: layout.skippedLines.length, lines }));
	}
	if (layout.missingCells > 0) console.log(t(locale, 'import.missingCells', { count: layout.missingCells }));
	if (layout.deriveTotal) console.log(t(locale, 'import.derivedTotal'));
	if (layout.ignoredLines.length > 0) console.log(t(locale, 'import.ignoredLines', { lines: layout.ignoredLines.join(', ') }));
}
