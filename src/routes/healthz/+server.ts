import { json } from '@sveltejs/kit';
import { currentVersion } from '$lib/server/db/migrate';
import type { RequestHandler } from './$types';

/** Liveness and readiness: the database answers and which migration it is at. */
export const GET: RequestHandler = async ({ locals }) => {
	const { runtime } = locals;
	try {
		const migration = await currentVersion(runtime.db);
		return json({
			status: 'ok',
			database: runtime.db.mode,
			auth: runtime.auth.kind,
			migration,
			uptimeSeconds: Math.round((Date.now() - runtime.startedAt.getTime()) / 1000)
		});
	} catch (error) {
		runtime.log.error('health check failed', { error });
		return json(
			{ status: 'error', database: runtime.db.mode, error: (error as Error).message },
			{ status: 503 }
		);
	}
};
