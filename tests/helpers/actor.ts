/** Test helper: who a test's writes are audited as. */
import type { Actor } from '../../src/lib/server/audit.ts';

/** `name` writing from a browser on this machine (the audit trail records the address). */
export function actor(name: string, address: string | null = '127.0.0.1'): Actor {
	return { name, address };
}
