// Production start: the built SvelteKit server with chiso's defaults
// (loopback only unless HOST says otherwise; uploads of published Excel files).
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
process.env.BODY_SIZE_LIMIT ??= '20M';
// ORIGIN is the address people type. adapter-node otherwise assumes https://<Host header>, so on plain
// http every form post (sign-in included) would fail SvelteKit's cross-site check, and the session cookie
// would be marked Secure and never sent back. Behind an HTTPS proxy, set ORIGIN=https://… yourself.
if (!process.env.ORIGIN) {
	if (['0.0.0.0', '::'].includes(process.env.HOST)) {
		console.warn(`ORIGIN is not set: with HOST=${process.env.HOST}, set ORIGIN to the address people open (for example ORIGIN=http://chiso.office.lan:${process.env.PORT}); sign-in will be refused until then.`);
	}
	process.env.ORIGIN = `http://${process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST}:${process.env.PORT}`;
}
await import('../build/index.js');
