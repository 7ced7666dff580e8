import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Every stylesheet is a few KB: sent inside the page, the first paint waits for no second round trip
		// (issue 16: /pci's four render-blocking stylesheets held its first paint back).
		inlineStyleThreshold: 16_384,
		// The Content-Security-Policy of every page (issue 17). SvelteKit adds a nonce (a hash on prerendered
		// pages) for its own inline start-up script, so no other inline script runs. Styles may be inline:
		// Svelte writes style attributes and the briefing its print stylesheet, and a style cannot run code.
		// The PNG download draws the chart's SVG from a blob: URL (img-src); fonts and data come from here.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
