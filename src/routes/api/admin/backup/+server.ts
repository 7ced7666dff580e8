/** GET /api/admin/backup: a backup of the whole database as a download (admins only); see src/lib/server/backup-http.ts. */
import type { RequestHandler } from './$types';
import { actorOf, requireRole } from '$lib/server/auth/guard';
import { backupDownload } from '$lib/server/backup-http';

export const GET: RequestHandler = async (event) => backupDownload(actorOf(requireRole(event, 'admin'), event));
