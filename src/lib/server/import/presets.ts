/**
 * Mapping presets: the mapping of a wide table that imported well, saved by
 * name (`--save-preset`) and reused for next year's file (`--preset`).
 */
import { ImportError } from '../../domain/import-problems.ts';
import { mappingSchema, type Mapping } from '../../domain/import-mapping.ts';
import { query, transaction } from '../db.ts';
import { recordAudit, type Actor } from '../audit.ts';

/** Saves (or replaces) a named preset for `by`, audited. */
export async function savePreset(name: string, indexId: string | null, mapping: Mapping, by: Actor): Promise<void> {
	await transaction(async (connection) => {
		await connection.run('INSERT OR REPLACE INTO mapping_presets (name, index_id, mapping, saved_by) VALUES ($1, $2, $3, $4)', [
			name, indexId, JSON.stringify(mapping), by.name
		]);
		await recordAudit(connection, { kind: 'preset.save', actor: by, target: name, detail: { index: indexId } });
	});
}

/** Reads a named preset; an unknown name is an ImportError listing the saved ones. */
export async function loadPreset(name: string): Promise<Mapping> {
	const rows = await query<{ name: string; mapping: string }>('SELECT name, mapping::VARCHAR AS mapping FROM mapping_presets ORDER BY name');
	const preset = rows.find((r) => r.name === name);
	if (!preset) {
		throw new ImportError([
			{ file: '--preset', value: name, code: 'unknown_preset', params: { name, known: rows.map((r) => r.name).join(', ') || '∅' } }
		]);
	}
	return mappingSchema.parse(JSON.parse(preset.mapping));
}

/** Every saved preset, by name, for the web form's preset picker. */
export async function listPresets(): Promise<{ name: string; indexId: string | null; mapping: Mapping }[]> {
	const rows = await query<{ name: string; index_id: string | null; mapping: string }>(
		'SELECT name, index_id, mapping::VARCHAR AS mapping FROM mapping_presets ORDER BY name'
	);
	return rows.map((r) => ({ name: r.name, indexId: r.index_id, mapping: mappingSchema.parse(JSON.parse(r.mapping)) }));
}
