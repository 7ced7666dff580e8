import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { signIn } from '$lib/server/auth/signin';
import { createSession } from '$lib/server/auth/sessions';
import { isPrivate, safeNext, setSessionCookie } from '$lib/server/auth/guard';

export const load: PageServerLoad = ({ url, locals }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), locals.locale));
	return { privateMode: isPrivate() };
};

// Any name is looked up as typed (lower-cased); a name that could never exist fails like a wrong password.
const form = z.object({ name: z.string().trim().toLowerCase().min(1), password: z.string().min(1) });

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const parsed = form.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { problem: 'incomplete' as const });
		const { name, password } = parsed.data;
		const result = await signIn(name, password, getClientAddress());
		if (result.status === 'throttled') return fail(429, { problem: 'throttled' as const, name, seconds: result.retryAfterSeconds });
		if (result.status === 'wrong') return fail(400, { problem: 'wrong' as const, name });
		const session = await createSession(result.user.name);
		setSessionCookie(cookies, url, session.token);
		redirect(303, safeNext(url.searchParams.get('next'), locals.locale));
	}
};
