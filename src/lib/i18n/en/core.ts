import type { Messages } from '../index.ts';

/** English: layout, overview and shared table words. */
export const core = {
	'app.title': 'Chiso',
	'app.tagline': 'PAR INDEX, PAPI and PCI against the targets',
	'overview.heading': 'Ranks of {unit} by year',
	'overview.placeholder': 'Rank and score by year, with the source of every figure.',
	'table.year': 'Year',
	'table.rank': 'Rank',
	'table.score': 'Score',
	'table.source': 'Source',
	'table.rankComputed': 'computed from scores',
	'table.rankDerived': 'derived',
	'table.noData': 'No data yet',
	'source.link': 'source'
} satisfies Partial<Messages>;
