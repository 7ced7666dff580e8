// Production start: the built SvelteKit server with chiso's defaults
// (loopback only unless HOST says otherwise; uploads of published Excel files).
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
process.env.BODY_SIZE_LIMIT ??= '20M';
await import('../build/index.js');
