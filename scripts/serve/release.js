// The folder a server runs from: its own copy ("release") of the build, so that `npm run build` (which
// empties and rewrites build/) never changes files under a running server (issue 17). A release is
// releases/<build version>: copied to a temporary folder, then renamed into place in one step, so no
// server ever sees half a copy. Each server marks the release it uses with its process id; old releases
// no live server uses are removed, the newest ones kept. Used by scripts/start.js.
import fs from 'node:fs';
import path from 'node:path';

/** How many releases are kept even when no server uses them (the newest; for a quick restart of the last one). */
const KEEP = 2;

/**
 * Whether process `pid` is alive (signal 0 checks without sending anything).
 * @param {number} pid
 */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Removes releases under `root` that are not among the KEEP newest and that no live server marked.
 * @param {string} root
 * @param {string} current the release this server is starting from, never removed
 */
function prune(root, current) {
	const releases = fs
		.readdirSync(root, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && !entry.name.includes('.tmp-'))
		.map((entry) => ({ dir: path.join(root, entry.name), mtime: fs.statSync(path.join(root, entry.name)).mtimeMs }))
		.sort((a, b) => b.mtime - a.mtime);
	for (const { dir } of releases.slice(KEEP)) {
		if (dir === current) continue;
		const servers = path.join(dir, '.servers');
		const pids = fs.existsSync(servers) ? fs.readdirSync(servers).map(Number) : [];
		if (!pids.some(alive)) fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * The release of the build in `build` (copied under `root` unless it is
 * there already), marked as used by this process; returns its folder.
 * @param {string} build
 * @param {string} root
 * @returns {string}
 */
export function prepareRelease(build, root) {
	const versionFile = path.join(build, 'client/_app/version.json');
	if (!fs.existsSync(versionFile)) throw new Error(`${versionFile} is missing: run "npm run build" first.`);
	const { version } = JSON.parse(fs.readFileSync(versionFile, 'utf8'));
	const release = path.join(root, String(version));
	fs.mkdirSync(root, { recursive: true });
	if (!fs.existsSync(release)) {
		const temporary = `${release}.tmp-${process.pid}`;
		fs.cpSync(build, temporary, { recursive: true });
		try {
			fs.renameSync(temporary, release);
		} catch (error) {
			// Another server copied the same build first: use its copy.
			fs.rmSync(temporary, { recursive: true, force: true });
			if (!fs.existsSync(release)) throw error;
		}
	}
	const servers = path.join(release, '.servers');
	fs.mkdirSync(servers, { recursive: true });
	const mark = path.join(servers, String(process.pid));
	fs.writeFileSync(mark, '');
	process.on('exit', () => fs.rmSync(mark, { force: true }));
	prune(root, release);
	return release;
}
