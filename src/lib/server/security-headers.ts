/**
 * The security headers of every page and endpoint answer (issue 17), added by
 * `handle` in hooks.server.ts. The Content-Security-Policy itself is SvelteKit's
 * (`kit.csp` in svelte.config.js): it alone knows the nonces of its inline scripts.
 */

/**
 * Browser features chiso never uses, switched off for the page and any frame
 * it might embed. Only features Chromium recognises: an unknown name is a
 * console warning on every page.
 */
const PERMISSIONS_POLICY = ['accelerometer', 'camera', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'payment', 'usb']
	.map((feature) => `${feature}=()`)
	.join(', ');

/**
 * The headers for an answer to `url`. HSTS only over HTTPS (browsers ignore it
 * on http, and a LAN server on plain http must stay reachable); one year, and
 * without includeSubDomains: a department's other hosts may still be plain http.
 */
export function securityHeaders(url: URL): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'permissions-policy': PERMISSIONS_POLICY,
		// For answers that are not pages (endpoints, redirects), which carry no CSP of SvelteKit's.
		'x-frame-options': 'DENY'
	};
	if (url.protocol === 'https:') headers['strict-transport-security'] = 'max-age=31536000';
	return headers;
}

/** `response` with the security headers of `url`; a copy when its headers are immutable (a fetched or `Response.redirect` answer). */
export function withSecurityHeaders(response: Response, url: URL): Response {
	const headers = securityHeaders(url);
	try {
		for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
		return copy;
	}
}
