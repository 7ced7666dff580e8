import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareRelease } from '../../../../scripts/serve/release.js';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fake build of version `version` in a new temporary folder, with one client file. */
function build(version: string, text = 'x'): { build: string; root: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-release-test-'));
	dirs.push(dir);
	fs.mkdirSync(path.join(dir, 'build/client/_app'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'build/client/_app/version.json'), JSON.stringify({ version }));
	fs.writeFileSync(path.join(dir, 'build/client/app.js'), text);
	return { build: path.join(dir, 'build'), root: path.join(dir, 'releases') };
}

describe('prepareRelease', () => {
	it('copies the build to releases/<version> and marks it with this process', () => {
		const { build: b, root } = build('111');
		const release = prepareRelease(b, root);
		expect(release).toBe(path.join(root, '111'));
		expect(fs.readFileSync(path.join(release, 'client/app.js'), 'utf8')).toBe('x');
		expect(fs.readdirSync(path.join(release, '.servers'))).toEqual([String(process.pid)]);
		expect(fs.readdirSync(root)).toEqual(['111']);
	});

	it('a rebuild leaves the running copy as it was', () => {
		const { build: b, root } = build('111', 'old');
		const release = prepareRelease(b, root);
		fs.rmSync(b, { recursive: true });
		fs.mkdirSync(path.join(b, 'client/_app'), { recursive: true });
		fs.writeFileSync(path.join(b, 'client/_app/version.json'), JSON.stringify({ version: '222' }));
		fs.writeFileSync(path.join(b, 'client/app.js'), 'new');
		expect(fs.readFileSync(path.join(release, 'client/app.js'), 'utf8')).toBe('old');
		expect(fs.readFileSync(path.join(prepareRelease(b, root), 'client/app.js'), 'utf8')).toBe('new');
	});

	it('uses the copy already there for the same version', () => {
		const { build: b, root } = build('111', 'first');
		prepareRelease(b, root);
		fs.writeFileSync(path.join(b, 'client/app.js'), 'changed without a new version');
		expect(fs.readFileSync(path.join(prepareRelease(b, root), 'client/app.js'), 'utf8')).toBe('first');
	});

	it('removes old releases no live server uses, keeping the two newest and any in use', () => {
		const { build: b, root } = build('1');
		fs.mkdirSync(root);
		for (const [version, pid] of [['old-unused', 999_999_999], ['old-in-use', process.pid]] as const) {
			fs.mkdirSync(path.join(root, version, '.servers'), { recursive: true });
			fs.writeFileSync(path.join(root, version, '.servers', String(pid)), '');
			fs.utimesSync(path.join(root, version), new Date(2020, 0, 1), new Date(2020, 0, 1));
		}
		fs.mkdirSync(path.join(root, 'recent'));
		prepareRelease(b, root);
		expect(fs.readdirSync(root).sort()).toEqual(['1', 'old-in-use', 'recent']);
	});

	it('says to build first when there is no build', () => {
		const { build: b, root } = build('1');
		fs.rmSync(b, { recursive: true });
		expect(() => prepareRelease(b, root)).toThrow(`${path.join(b, 'client/_app/version.json')} is missing: run "npm run build" first.`);
	});
});
