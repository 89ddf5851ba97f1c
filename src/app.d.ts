import type { Session } from '$lib/server/auth/types';
import type { Runtime } from '$lib/server/runtime';

declare global {
	namespace App {
		interface Locals {
			runtime: Runtime;
			session: Session | null;
		}
		interface Error {
			/** A message key from messages/*.json (errors_*), translated by the error page. */
			message: string;
		}
	}
}

export {};
