/**
 * The part of tar-stream 2 (mafintosh/tar-stream, shipped without types) that
 * src/lib/server/backup.ts uses: a pack stream that writes entries and an
 * extract stream that reads them.
 */
declare module 'tar-stream' {
	import type { Readable, Writable } from 'node:stream';

	export interface Headers {
		name: string;
		size?: number;
		mode?: number;
		mtime?: Date;
		type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo' | 'contiguous-file' | 'pax-header' | 'pax-global-header' | 'gnu-long-link-path' | 'gnu-long-path' | null;
	}

	export interface Pack extends Readable {
		entry(headers: Headers, callback: (error?: Error | null) => void): Writable;
		entry(headers: Headers, content: string | Buffer, callback?: (error?: Error | null) => void): Writable;
		finalize(): void;
	}

	export interface Extract extends Writable {
		on(event: 'entry', listener: (headers: Headers, stream: Readable, next: (error?: unknown) => void) => void): this;
		on(event: string, listener: (...args: any[]) => void): this;
	}

	const tar: { pack(): Pack; extract(): Extract };
	export default tar;
}
