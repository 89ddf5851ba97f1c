import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFromClaims } from '$lib/server/auth/supabase';
import type { Database } from '$lib/server/db/types';
import { listMyPrograms } from '$lib/server/programs/queries';
import { buildMembership, buildProgram } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
const SUB = '3d9c7f0e-1111-4c38-9d0c-2f1f4a8f2b10';

beforeAll(async () => {
	db = await createTestDatabase();
	// On Supabase, GoTrue owns auth.users; here the row stands in for it.
	await db.asService((tx) =>
		tx.query("insert into auth.users (id, email) values ($1, 'Sup.Mentor@Example.org')", [SUB])
	);
});
afterAll(() => db.close());

describe(`Supabase session mapping (${testEngine()})`, () => {
	it('maps sub to a profile, creating it on first sight from the token', async () => {
		const session = await sessionFromClaims(db, {
			sub: SUB,
			email: 'Sup.Mentor@Example.org',
			exp: Math.floor(Date.now() / 1000) + 600,
			user_metadata: { full_name: 'Sup Mentor' }
		});
		expect(session.provider).toBe('supabase');
		expect(session.user).toEqual({
			id: SUB,
			email: 'sup.mentor@example.org',
			displayName: 'Sup Mentor',
			locale: 'nl'
		});
		expect(session.claims).toEqual({
			sub: SUB,
			role: 'authenticated',
			email: 'sup.mentor@example.org',
			aud: 'authenticated'
		});
	});

	it('keeps a name the person changed, and the claims work under RLS like a local session', async () => {
		await db.asService((tx) =>
			tx.query("update public.profiles set display_name = 'Renamed' where id = $1", [SUB])
		);
		const session = await sessionFromClaims(db, { sub: SUB, email: 'sup.mentor@example.org' });
		expect(session.user.displayName).toBe('Renamed');
		const program = await buildProgram(db);
		await buildMembership(
			db,
			program.id,
			{ id: SUB, email: 'sup.mentor@example.org', claims: session.claims },
			'mentor'
		);
		expect((await listMyPrograms(db, session.claims)).map((p) => p.id)).toEqual([program.id]);
	});
});
