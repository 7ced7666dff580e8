/**
 * Browser side of the web import: the upload with its progress (XHR, since
 * fetch reports no upload progress) and the streamed answers of
 * /api/import/preview and /commit (one JSON object a line: progress, then the result).
 */
/** The pipeline's steps (ImportPhase in src/lib/server/import/pipeline.ts, which the browser cannot import). */
export type ImportPhase = 'read' | 'validate' | 'stage' | 'commit';

export interface UploadInfo {
	sha256: string;
	fileName: string;
	format: string;
	size: number;
}

/** An answer that is not a success: the status and the server's message (already in the interface language). */
export class RequestError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

const messageOf = (text: string) => {
	try {
		return (JSON.parse(text) as { message?: string }).message ?? text;
	} catch {
		return text;
	}
};

/** Uploads `file` to /api/import/upload, reporting the fraction sent. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadInfo> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', '/api/import/upload');
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
		xhr.onload = () =>
			xhr.status === 201 ? resolve(JSON.parse(xhr.responseText)) : reject(new RequestError(xhr.status, messageOf(xhr.responseText)));
		xhr.onerror = () => reject(new RequestError(0, 'network error'));
		const form = new FormData();
		form.append('file', file);
		xhr.send(form);
	});
}

/** POSTs JSON and reads the line stream, calling `onProgress` per progress line; resolves with the result. */
export async function streamRequest<T>(
	url: string,
	body: unknown,
	onProgress: (progress: { phase: ImportPhase; done: number; total: number }) => void
): Promise<T> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/x-ndjson, application/json' },
		body: JSON.stringify(body)
	});
	if (!response.ok || !response.body) throw new RequestError(response.status, messageOf(await response.text()));
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) break;
		buffer += value;
		const lines = buffer.split('\n');
		buffer = lines.pop()!;
		for (const line of lines.filter((l) => l.trim() !== '')) {
			const message = JSON.parse(line);
			if (message.progress) onProgress(message.progress);
			else if ('result' in message) return message.result as T;
			else if (message.error) throw new RequestError(500, message.error);
		}
	}
	throw new RequestError(500, 'the answer ended without a result');
}

/** POSTs JSON and returns the JSON answer, or throws RequestError. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	const text = await response.text();
	if (!response.ok) throw new RequestError(response.status, messageOf(text));
	return JSON.parse(text) as T;
}

/** Index and year guessed from a file name like "PCI 2019.xlsx" or "papi-2018.csv", for the form's first choice. */
export function guessFromName(fileName: string, indices: { id: string; shortVi: string; shortEn: string }[]): { indexId?: string; year?: number } {
	const key = fileName.toLowerCase().replace(/[\s_-]+/g, '');
	const index = indices.find((i) => [i.id, i.shortVi, i.shortEn].some((n) => key.includes(n.toLowerCase().replace(/[\s_-]+/g, ''))));
	const year = fileName.match(/(?:^|\D)((?:19|20)\d\d)(?:\D|$)/)?.[1];
	return { indexId: index?.id, year: year ? Number(year) : undefined };
}
