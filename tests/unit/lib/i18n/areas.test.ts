import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Each file that uses a message outside `core` must import that message's area
// (src/lib/i18n/index.ts says why). Read from the sources, as text: the keys a
// file names literally, and the areas of every key a template such as
// `status.${x}` can make.
const vi = import.meta.glob<Record<string, Record<string, string>>>('../../../../src/lib/i18n/vi/*.ts', { eager: true });
const en = import.meta.glob<Record<string, Record<string, string>>>('../../../../src/lib/i18n/en/*.ts', { eager: true });

const areaOf = (file: string) => path.basename(file, '.ts');
const messagesOf = (module: Record<string, Record<string, string>>) => Object.values(module)[0];

const keyArea = new Map<string, string>();
for (const [file, module] of Object.entries(vi)) for (const key of Object.keys(messagesOf(module))) keyArea.set(key, areaOf(file));

const root = path.resolve(import.meta.dirname, '../../../..');
function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return full.endsWith(path.join('lib', 'i18n')) ? [] : sourceFiles(full);
		return /\.(ts|svelte)$/.test(entry.name) ? [full] : [];
	});
}

/** The areas, other than core, of the messages a source text can ask for. */
function areasUsed(text: string): Set<string> {
	const areas = new Set<string>();
	for (const [, key] of text.matchAll(/['"]([\w.]+)['"]/g)) if (keyArea.has(key)) areas.add(keyArea.get(key)!);
	for (const [, prefix] of text.matchAll(/`([a-z]+(?:\.[A-Za-z]+)*\.)\$\{/g))
		for (const [key, area] of keyArea) if (key.startsWith(prefix)) areas.add(area);
	areas.delete('core');
	return areas;
}

describe('message areas', () => {
	it('every file imports the area of each message it uses', () => {
		const missing: string[] = [];
		for (const file of [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'scripts'))]) {
			const text = fs.readFileSync(file, 'utf8');
			for (const area of areasUsed(text))
				if (!new RegExp(`import '[^']*i18n/areas/${area}(\\.ts)?';`).test(text)) missing.push(`${path.relative(root, file)}: ${area}`);
		}
		expect(missing).toEqual([]);
	});

	it('finds the areas of literal and templated keys, and ignores core and other strings', () => {
		expect([...areasUsed(`t(locale, 'whatif.title'); t(locale, 'table.year'); t(locale, 'not.a.key')`)]).toEqual(['whatif']);
		expect([...areasUsed('t(locale, `accounts.error.${code}` as MessageKey)')]).toEqual(['accounts']);
		expect([...areasUsed('const sql = `p.year = ${year}`')]).toEqual([]);
	});

	it('has the same keys, placeholders and NFC text in Vietnamese and English', () => {
		expect(Object.keys(en).map(areaOf).sort()).toEqual(Object.keys(vi).map(areaOf).sort());
		for (const [file, module] of Object.entries(vi)) {
			const viMessages = messagesOf(module);
			const enMessages = messagesOf(en[file.replace('/vi/', '/en/')]);
			expect(Object.keys(enMessages).sort(), areaOf(file)).toEqual(Object.keys(viMessages).sort());
			for (const [key, text] of Object.entries(viMessages)) {
				const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
				expect(placeholders(enMessages[key]), key).toEqual(placeholders(text));
				expect(text.normalize('NFC'), key).toBe(text);
				expect(enMessages[key].normalize('NFC'), key).toBe(enMessages[key]);
			}
		}
	});

	it('gives each key one area', () => {
		const count = Object.values(vi).reduce((n, module) => n + Object.keys(messagesOf(module)).length, 0);
		expect(keyArea.size).toBe(count);
	});
});
