import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAuth } from '$lib/server/auth/local';
import { SESSION_COOKIE } from '$lib/server/auth/types';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer, type Mailer } from '$lib/server/mail/mailer';
import {
	changeRole,
	createProgram,
	inviteMember,
	removeMember,
	renewInvitationLink,
	revokeInvitation
} from '$lib/server/programs/commands';
import {
	acceptAsSignedIn,
	acceptWithNewAccount,
	describeInvitation
} from '$lib/server/programs/invitations';
import { listMyPrograms, listPeople, loadActor } from '$lib/server/programs/queries';
import { buildOrganisation, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let mailer: Mailer;
let coordinator: BuiltUser;
let organisationId: string;
const origin = 'http://mentorpad.test';
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
const input = {
	name: 'Startende directeurs',
	description: '',
	kind: 'school_leader' as const,
	startsOn: '2026-09-01',
	endsOn: '2027-06-30',
	plannedSessions: 10,
	cadenceDays: 15,
	sessionMinutes: 120,
	maxMenteesPerMentor: 3,
	minGroupSize: 5,
	retentionMonths: 12,
	stallDays: 21,
	checkinEveryDays: 60
};
const tokenOf = (link: string) => link.split('/invite/')[1];

beforeAll(async () => {
	db = await createTestDatabase();
	mailer = createOutboxMailer(db, createLogger('silent'));
	coordinator = await buildUser(db);
	organisationId = (await buildOrganisation(db, { owner: coordinator, ownerRole: 'coordinator' }))
		.id;
});
afterAll(() => db.close());

describe(`programmes and invitations (${testEngine()})`, () => {
	it('creates a programme with its creator as coordinator and the default settings', async () => {
		const id = await createProgram(db, coordinator.claims, organisationId, input);
		const mine = await listMyPrograms(db, coordinator.claims);
		expect(mine.find((p) => p.id === id)).toMatchObject({ myRole: 'coordinator', memberCount: 1 });
		const actor = await loadActor(db, coordinator.claims);
		expect(actor.programRoles[id]).toBe('coordinator');
		const audit = await db.asUser(coordinator.claims, (tx) =>
			tx.query<{ action: string; actor_id: string }>(
				'select action, actor_id from public.audit_events where program_id = $1',
				[id]
			)
		);
		expect(audit).toEqual([{ action: 'program.create', actor_id: coordinator.id }]);
	});

	it('refuses to create a programme outside your organisation', async () => {
		const outsider = await buildUser(db);
		await expect(createProgram(db, outsider.claims, organisationId, input)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('invites, mails the link, and a newcomer joins with a new account', async () => {
		const programId = await createProgram(db, coordinator.claims, organisationId, input);
		const { link } = await inviteMember(
			{ db, claims: coordinator.claims, mailer, origin },
			programId,
			{
				email: 'new.mentee@example.org',
				role: 'mentee'
			}
		);
		const mail = await db.asService((tx) =>
			tx.query<{ body_text: string }>(
				"select body_text from public.mail_outbox where to_email = 'new.mentee@example.org'"
			)
		);
		expect(mail[0].body_text).toContain(link);
		const view = await describeInvitation(db, tokenOf(link));
		expect(view).toMatchObject({ state: 'open', role: 'mentee', accountExists: false, programId });

		const auth = createLocalAuth({ db, mailer, origin, sessionDays: 1 });
		const joined = await acceptWithNewAccount(
			{ db, auth },
			tokenOf(link),
			{ displayName: 'Nieuwe Mentee', password: 'long-enough-pw' },
			meta
		);
		expect(joined.programId).toBe(programId);
		const session = await auth.authenticate({
			cookies: { [SESSION_COOKIE]: joined.cookies[0].value }
		});
		expect(session?.user.displayName).toBe('Nieuwe Mentee');
		const mine = await listMyPrograms(db, session!.claims);
		expect(mine.map((p) => [p.id, p.myRole])).toEqual([[programId, 'mentee']]);
		expect((await describeInvitation(db, tokenOf(link)))?.state).toBe('accepted');
		await expect(
			acceptWithNewAccount(
				{ db, auth },
				tokenOf(link),
				{ displayName: 'x', password: 'long-enough-pw' },
				meta
			)
		).rejects.toMatchObject({ code: 'gone' });
	});

	it('an existing account joins when signed in with the invited address only', async () => {
		const programId = await createProgram(db, coordinator.claims, organisationId, input);
		const existing = await buildUser(db);
		const other = await buildUser(db);
		const { link } = await inviteMember(
			{ db, claims: coordinator.claims, mailer, origin },
			programId,
			{
				email: existing.email,
				role: 'mentor'
			}
		);
		const sessionOf = (u: BuiltUser) => ({
			id: `session-${u.id}`,
			user: { id: u.id, email: u.email, displayName: 'x', locale: 'nl' as const },
			provider: 'local' as const,
			claims: u.claims,
			expiresAt: new Date(Date.now() + 60_000)
		});
		await expect(acceptAsSignedIn(db, tokenOf(link), sessionOf(other))).rejects.toMatchObject({
			key: 'invitation_other_account'
		});
		expect(await acceptAsSignedIn(db, tokenOf(link), sessionOf(existing))).toBe(programId);
		const people = await listPeople(db, coordinator.claims, programId);
		expect(people.find((p) => p.userId === existing.id)).toMatchObject({
			role: 'mentor',
			status: 'active'
		});
	});

	it('renewing a link kills the old one; revoking kills both', async () => {
		const programId = await createProgram(db, coordinator.claims, organisationId, input);
		const first = await inviteMember(
			{ db, claims: coordinator.claims, mailer, origin },
			programId,
			{
				email: 'renew@example.org',
				role: 'mentor'
			}
		);
		const second = await renewInvitationLink(
			{ db, claims: coordinator.claims, origin },
			programId,
			first.invitationId
		);
		expect(await describeInvitation(db, tokenOf(first.link))).toBeNull();
		expect((await describeInvitation(db, tokenOf(second.link)))?.state).toBe('open');
		await revokeInvitation(db, coordinator.claims, programId, first.invitationId);
		expect((await describeInvitation(db, tokenOf(second.link)))?.state).toBe('revoked');
		const people = await listPeople(db, coordinator.claims, programId);
		expect(people.some((p) => p.email === 'renew@example.org')).toBe(false);
	});

	it('refuses to invite someone who is already a member', async () => {
		const programId = await createProgram(db, coordinator.claims, organisationId, input);
		await expect(
			inviteMember({ db, claims: coordinator.claims, mailer, origin }, programId, {
				email: coordinator.email,
				role: 'mentor'
			})
		).rejects.toMatchObject({ key: 'already_member' });
	});

	it('only a coordinator of the programme invites', async () => {
		const programId = await createProgram(db, coordinator.claims, organisationId, input);
		const mentee = await buildUser(db);
		await db.asService((tx) =>
			tx.query(
				"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'mentee')",
				[programId, mentee.id]
			)
		);
		await expect(
			inviteMember({ db, claims: mentee.claims, mailer, origin }, programId, {
				email: 'x@example.org',
				role: 'coordinator'
			})
		).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('changes roles and removes members, but never yourself or the last coordinator', async () => {
		const programId = await createProgram(db, coordinator.claims, organisationId, input);
		const second = await buildUser(db);
		await db.asService((tx) =>
			tx.query(
				"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'coordinator')",
				[programId, second.id]
			)
		);
		const people = await listPeople(db, coordinator.claims, programId);
		const mine = people.find((p) => p.userId === coordinator.id)!;
		const theirs = people.find((p) => p.userId === second.id)!;
		await expect(
			changeRole({ db, claims: coordinator.claims }, programId, mine.membershipId!, 'mentor')
		).rejects.toMatchObject({
			key: 'not_yourself'
		});
		await changeRole({ db, claims: coordinator.claims }, programId, theirs.membershipId!, 'mentor');
		await expect(
			changeRole({ db, claims: second.claims }, programId, mine.membershipId!, 'mentor')
		).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await removeMember(db, coordinator.claims, programId, theirs.membershipId!)).toBe(
			second.id
		);
		expect(await listMyPrograms(db, second.claims)).toEqual([]);
		const after = await listPeople(db, coordinator.claims, programId);
		expect(after.find((p) => p.userId === second.id)?.status).toBe('removed');
	});
});
