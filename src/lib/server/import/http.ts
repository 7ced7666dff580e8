/**
 * HTTP helpers of the import routes: the page guard, a JSON body checked by a zod schema,
 * and answers streamed as lines of JSON so that the page can show the
 * pipeline's progress (read, validate, stage, commit) while a large file is
 * worked on, then the result.
 */
import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import { describeIssues } from '../../domain/import-request.ts';
import type { Locale } from '../../i18n/index.ts';
import type { User } from '../auth/users.ts';
import { requireRolePage } from '../auth/guard.ts';
import type { ProgressListener } from './pipeline.ts';

/**
 * The guard of the import pages: a signed-out visitor goes to sign-in (and
 * comes back), a viewer gets the 403 every import endpoint gives.
 */
export function requireAnalystPage(event: { locals: { user: User | null; locale: Locale }; url: URL }): User {
	return requireRolePage(event, 'analyst');
}

/** The request's JSON body parsed by `schema`, or a 400 saying which field is wrong. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
	const body = await request.json().catch(() => undefined);
	const parsed = schema.safeParse(body);
	if (!parsed.success) error(400, describeIssues(parsed.error));
	return parsed.data;
}

/** The media type of a progress stream: one JSON object a line. */
export const NDJSON = 'application/x-ndjson';

/**
 * Runs `work` and answers at once with a stream: `{"progress":{phase,done,total}}`
 * lines while it runs, then `{"result":…}`, or `{"error":…}` when it failed
 * unexpectedly (the status is already sent by then).
 */
export function progressStream<T>(work: (onProgress: ProgressListener) => Promise<T>): Response {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
			try {
				send({ result: await work((progress) => send({ progress })) });
			} catch (e) {
				console.error(e);
				send({ error: e instanceof Error ? e.message : String(e) });
			}
			controller.close();
		}
	});
	return new Response(body, { headers: { 'content-type': NDJSON, 'cache-control': 'no-store' } });
}
