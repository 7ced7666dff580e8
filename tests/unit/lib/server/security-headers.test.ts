import { describe, expect, it } from 'vitest';
import { securityHeaders, withSecurityHeaders } from '../../../../src/lib/server/security-headers.ts';

describe('securityHeaders', () => {
	it('forbids MIME sniffing and framing, keeps the referrer on this site and switches off unused browser features', () => {
		expect(securityHeaders(new URL('http://127.0.0.1:3000/'))).toEqual({
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin',
			'permissions-policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
			'x-frame-options': 'DENY'
		});
	});

	it('adds HSTS for a year over HTTPS only', () => {
		expect(securityHeaders(new URL('https://chiso.kontum.gov.vn/'))['strict-transport-security']).toBe('max-age=31536000');
		expect(securityHeaders(new URL('http://chiso.office.lan/'))).not.toHaveProperty('strict-transport-security');
	});
});

describe('withSecurityHeaders', () => {
	it('sets the headers on the answer, keeping its own', () => {
		const response = withSecurityHeaders(new Response('x', { headers: { 'content-type': 'text/csv' } }), new URL('http://h/'));
		expect(response.headers.get('content-type')).toBe('text/csv');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('copies an answer whose headers cannot be changed (Response.redirect), status and location kept', () => {
		const response = withSecurityHeaders(Response.redirect('http://h/signin', 303), new URL('https://h/'));
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('http://h/signin');
		expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
	});
});
