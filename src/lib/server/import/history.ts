/**
 * The import history page's data: every batch (from `listBatches`, the list
 * `chiso batches` prints) with its file's SHA-256 and, while it stands, the
 * figures it replaced, old → new. Called by /import/history.
 */
import type { Locale } from '../../i18n/index.ts';
import { query } from '../db.ts';
import { loadCatalogue } from '../reference.ts';
import { listBatches, type Batch } from './batches.ts';
import { componentLabel } from './web-import.ts';

export interface FigureChange {
	unit: string;
	component: string;
	year: number;
	old: { score: number | null; rank: number | null };
	new: { score: number | null; rank: number | null };
}

export interface BatchView extends Batch {
	sha256: string;
	/** Figures this batch replaced and still holds (empty once undone: undo put the old ones back). */
	changes: FigureChange[];
}

/** Every batch, newest first, with what it changed. */
export async function batchHistory(locale: Locale): Promise<BatchView[]> {
	const [batches, hashes, changes, catalogue] = await Promise.all([
		listBatches(),
		query<{ id: number; sha256: string }>('SELECT id, sha256 FROM import_batches'),
		// The old figure from history beside the new one the batch wrote (still in observations under its id).
		query<{
			batch: number; unit: string; index_id: string; component_id: string; year: number;
			old_score: number | null; old_rank: number | null; new_score: number | null; new_rank: number | null;
		}>(
			`SELECT h.replaced_by_batch AS batch, u.name_vi AS unit, h.index_id, h.component_id, h.year,
			        h.score AS old_score, h.published_rank AS old_rank, o.score AS new_score, o.published_rank AS new_rank
			   FROM observation_history h
			   JOIN units u ON u.code = h.unit_code
			   LEFT JOIN observations o ON o.index_id = h.index_id AND o.year = h.year AND o.unit_code = h.unit_code
			        AND o.component_id = h.component_id AND o.batch_id = h.replaced_by_batch
			  ORDER BY h.index_id, h.year, u.name_vi, h.component_id`
		),
		loadCatalogue()
	]);
	const sha = new Map(hashes.map((h) => [h.id, h.sha256]));
	return batches
		.map((b) => ({
			...b,
			sha256: sha.get(b.id) ?? '',
			changes: changes
				.filter((c) => c.batch === b.id)
				.map((c) => ({
					unit: c.unit,
					component: componentLabel(catalogue.components, c.index_id, c.component_id, locale),
					year: c.year,
					old: { score: c.old_score, rank: c.old_rank },
					new: { score: c.new_score, rank: c.new_rank }
				}))
		}))
		.reverse();
}
