import { hash, verify } from '@node-rs/argon2';

/** Argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes). */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
	if (!stored || !stored.startsWith('$argon2id$')) {
		// Same work as a real check so response time does not reveal whether the account exists.
		await hash(password, OPTIONS);
		return false;
	}
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}
