import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { setReflectionSharing } from '$lib/server/groups/commands';
import { controlRound } from '$lib/server/groups/intervision';
import {
	decideSharing,
	listMeetingPrompts,
	loadClosingReflection,
	saveClosingReflection,
	startMeetingReflection
} from '$lib/server/groups/prompts';
import { listReactions, reactionChanged, setReaction } from '$lib/server/groups/reactions';
import { loadReflection } from '$lib/server/groups/queries';
import { loadHome } from '$lib/server/home';
import type { LiveHub } from '$lib/server/live/hub';
import { DomainError } from '$lib/server/errors';
import type { LiveEvent } from '$lib/shared/live-events';
import { buildGroupWithContent, buildStaffedProgram } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * Learning communities, part 3, on a real database: reactions on shared reflections (who may
 * give them, who sees them, the author's coalesced notification), the case owner's closing
 * reflection of an intervision round, and the reflection after a group meeting with its share
 * step. In the group: mentor and mentee (school A), observer (school B), the supporter as process
 * coach (facilitator); the coordinator is not in the group; `stranger` is of another programme.
 */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
let stranger: JwtClaims;
const published: { userIds: readonly string[]; event: LiveEvent }[] = [];
const live = {
	publishToUsers: (userIds: readonly string[], event: LiveEvent) =>
		published.push({ userIds, event })
} as unknown as LiveHub;

const outcome = async (work: Promise<unknown>): Promise<string> => {
	try {
		await work;
		return 'ok';
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		if (/row-level security|permission denied/.test((e as Error).message)) return 'rls';
		throw e;
	}
};

/** The factory's display name of a person. */
const nameOf = (person: { email: string }) => `Person ${person.email.split('@')[0]}`;

/** The plain text of a stored reflection document: its blocks as "type:text". */
async function documentBlocks(reflectionId: string): Promise<string[]> {
	const rows = await db.asService((tx) =>
		tx.query<{ update: Uint8Array }>(
			'select "update" from public.yjs_updates where doc_name = $1 order by id',
			[`reflection/${reflectionId}`]
		)
	);
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, row.update);
	const blocks = doc
		.getXmlFragment('body')
		.toArray()
		.map((node) => {
			const element = node as Y.XmlElement;
			const level = element.getAttribute('level') as unknown;
			return `${element.nodeName}${level ? level : ''}:${element.toArray().join('')}`;
		});
	doc.destroy();
	return blocks;
}

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	const elsewhere = await buildStaffedProgram(db);
	await buildGroupWithContent(db, elsewhere);
	stranger = elsewhere.people.mentee.claims;
});
afterAll(() => db.close());

describe(`reactions on shared reflections (${testEngine()})`, () => {
	it('who may react, per role: the people a reflection is shared with, never its author', async () => {
		const { mentee, mentor, observer, supporter, coordinator } = staffed.people;
		const react = (claims: JwtClaims, reflection: string) =>
			outcome(setReaction({ db, claims }, reflection, 'inspiring', true));
		// Shared with the group: its members and its process coach.
		expect(await react(mentor.claims, g.reflections.menteeGroup)).toBe('ok');
		expect(await react(observer.claims, g.reflections.menteeGroup)).toBe('ok');
		expect(await react(supporter.claims, g.reflections.menteeGroup)).toBe('ok');
		// The author, the coordinator (not in the group), another programme: no.
		expect(await react(mentee.claims, g.reflections.menteeGroup)).toBe('not_found');
		expect(await react(coordinator.claims, g.reflections.menteeGroup)).toBe('not_found');
		expect(await react(stranger, g.reflections.menteeGroup)).toBe('not_found');
		// Shared with school A: only the mentor (school A); not the observer (B) nor the coach.
		expect(await react(mentor.claims, g.reflections.menteeSchool)).toBe('ok');
		expect(await react(observer.claims, g.reflections.menteeSchool)).toBe('not_found');
		expect(await react(supporter.claims, g.reflections.menteeSchool)).toBe('not_found');
		// A private reflection cannot be reacted to, by anyone, its author included.
		for (const person of [mentee, mentor, observer, supporter])
			expect(await react(person.claims, g.reflections.menteePrivate), person.id).toBe('not_found');
		// Nor can RLS be bypassed by writing the row directly.
		expect(
			await outcome(
				db.asUser(observer.claims, (tx) =>
					tx.query(
						"insert into public.reflection_reactions (reflection_id, user_id, kind) values ($1, $2, 'support')",
						[g.reflections.menteePrivate, observer.id]
					)
				)
			)
		).toBe('rls');
	});

	it('counts per kind with who reacted; one of each kind per person; the author and readers see them', async () => {
		const { mentee, mentor, observer, coordinator } = staffed.people;
		// Giving the same kind twice counts once.
		await setReaction({ db, claims: mentor.claims }, g.reflections.menteeGroup, 'inspiring', true);
		const seen = await listReactions(db, mentee.claims, g.reflections.menteeGroup);
		expect(seen.canReact).toBe(false);
		const byKind = Object.fromEntries(seen.reactions.map((r) => [r.kind, r]));
		expect(byKind.inspiring.count).toBe(3);
		expect(byKind.inspiring.names).toContain(nameOf(mentor));
		// The factory's reaction: the observer found it recognisable.
		expect(byKind.recognisable.count).toBe(1);
		expect(byKind.recognisable.names).toEqual([nameOf(observer)]);
		expect(byKind.support.count).toBe(0);
		const mine = await listReactions(db, observer.claims, g.reflections.menteeGroup);
		expect(mine.canReact).toBe(true);
		expect(mine.reactions.find((r) => r.kind === 'recognisable')?.mine).toBe(true);
		// Outside the group nothing shows, and anonymous people read no row at all.
		const none = await listReactions(db, coordinator.claims, g.reflections.menteeGroup);
		expect(none.reactions.every((r) => r.count === 0)).toBe(true);
		expect((await listReactions(db, stranger, g.reflections.menteeGroup)).canReact).toBe(false);
		expect(
			await outcome(db.asUser(null, (tx) => tx.query('select 1 from public.reflection_reactions')))
		).toBe('rls');
	});

	it('only the giver takes a reaction back; nobody changes one', async () => {
		const { mentor, observer } = staffed.people;
		const deleted = await db.asUser(mentor.claims, (tx) =>
			tx.query('delete from public.reflection_reactions where id = $1 returning id', [g.reaction])
		);
		expect(deleted).toHaveLength(0);
		expect(
			await outcome(
				db.asUser(observer.claims, (tx) =>
					tx.query("update public.reflection_reactions set kind = 'support' where id = $1", [
						g.reaction
					])
				)
			)
		).toBe('rls');
		await setReaction(
			{ db, claims: observer.claims },
			g.reflections.menteeGroup,
			'recognisable',
			false
		);
		const after = await listReactions(db, observer.claims, g.reflections.menteeGroup);
		expect(after.reactions.find((r) => r.kind === 'recognisable')?.count).toBe(0);
	});

	it('the author is notified once for many reactions, and the group is told live', async () => {
		const { mentee, mentor, observer, supporter } = staffed.people;
		published.length = 0;
		for (const person of [observer, supporter, mentor]) {
			const target = await setReaction(
				{ db, claims: person.claims },
				g.reflections.menteeGroup,
				'support',
				true
			);
			expect(target.added).toBe(true);
			await reactionChanged(
				{ db, live },
				{ ...target, reflectionId: g.reflections.menteeGroup, by: person.id }
			);
		}
		expect(published[0].event).toEqual({ type: 'group', groupId: g.group, topic: 'comments' });
		expect(published[0].userIds).toContain(mentee.id);
		const notes = await db.asUser(mentee.claims, (tx) =>
			tx.query<{ link: string; params: { name: string } }>(
				"select link, params from public.notifications where kind = 'reflection_reaction'"
			)
		);
		expect(notes).toHaveLength(1);
		expect(notes[0].link).toBe(`/groups/${g.group}/reflections/${g.reflections.menteeGroup}`);
		expect(notes[0].params.name).toBe(nameOf(observer));
		// Taking one back tells nobody.
		const back = await setReaction(
			{ db, claims: mentor.claims },
			g.reflections.menteeGroup,
			'support',
			false
		);
		expect(back.added).toBe(false);
	});

	it('stopping sharing hides the reactions from the others; sharing again shows them', async () => {
		const { mentee, mentor } = staffed.people;
		const count = async (claims: JwtClaims) =>
			(await listReactions(db, claims, g.reflections.menteeSchool)).reactions.reduce(
				(n, r) => n + r.count,
				0
			);
		expect(await count(mentor.claims)).toBe(1);
		await setReflectionSharing(db, mentee.claims, g.reflections.menteeSchool, null);
		expect(await count(mentor.claims)).toBe(0);
		expect(
			await outcome(
				setReaction({ db, claims: mentor.claims }, g.reflections.menteeSchool, 'support', true)
			)
		).toBe('not_found');
		await setReflectionSharing(db, mentee.claims, g.reflections.menteeSchool, 'school');
		expect(await count(mentor.claims)).toBe(1);
	});
});

describe(`the case owner's closing reflection (${testEngine()})`, () => {
	const text = 'Ik neem mee: eerst luisteren.\nVolgende stap: gesprek met het zorgteam.';

	it('only at the last step, only by the case owner', async () => {
		const { mentee, mentor } = staffed.people;
		const save = (claims: JwtClaims) =>
			outcome(saveClosingReflection(db, claims, g.group, { roundId: g.round, text, locale: 'nl' }));
		expect(await save(mentee.claims)).toBe('invalid');
		// The chair (the process coach) moves the round to its last step.
		for (let i = 0; i < 4; i++)
			await controlRound({ db, claims: staffed.people.supporter.claims }, g.group, g.round, 'next');
		expect(await save(mentor.claims)).toBe('forbidden');
		expect(await save(stranger)).toBe('not_found');
	});

	it('saves a private reflection titled with the method and date, its text in its own document', async () => {
		const { mentee, observer } = staffed.people;
		const saved = await saveClosingReflection(db, mentee.claims, g.group, {
			roundId: g.round,
			text,
			locale: 'nl'
		});
		expect(saved.title).toMatch(/^Incidentmethode — \d{1,2} \w+ \d{4}$/);
		const row = await loadReflection(db, mentee.claims, g.group, saved.id);
		expect(row?.shareScope).toBeNull();
		expect(row?.authorId).toBe(mentee.id);
		expect(await documentBlocks(saved.id)).toEqual([
			'paragraph:Ik neem mee: eerst luisteren.',
			'paragraph:Volgende stap: gesprek met het zorgteam.'
		]);
		expect(await loadClosingReflection(db, mentee.claims, g.round)).toEqual(saved);
		// Private: the others in the group do not see it.
		expect(await loadReflection(db, observer.claims, g.group, saved.id)).toBeNull();
		// Once per round.
		expect(
			await outcome(
				saveClosingReflection(db, mentee.claims, g.group, { roundId: g.round, text, locale: 'nl' })
			)
		).toBe('conflict');
	});
});

describe(`the reflection after a group meeting (${testEngine()})`, () => {
	let past: string;

	beforeAll(async () => {
		past = (
			await db.asService((tx) =>
				tx.query<{ id: string }>(
					`insert into public.group_meetings (group_id, starts_at, held_at, place, created_by)
					 values ($1, now() - interval '3 days', now() - interval '3 days' + interval '2 hours', 'School B', $2)
					 returning id`,
					[g.group, staffed.people.supporter.id]
				)
			)
		)[0].id;
	});

	it('asks each member, not the process coach, about the latest meeting that took place', async () => {
		const { mentor, mentee, observer, supporter, coordinator } = staffed.people;
		for (const person of [mentor, mentee, observer]) {
			const prompts = await listMeetingPrompts(db, person.claims);
			expect(prompts.map((p) => [p.groupId, p.meetingId, p.reflectionId])).toEqual([
				[g.group, past, null]
			]);
		}
		// The home page's group card asks too.
		const home = await loadHome(db, mentor.claims);
		expect(home.groupPrompts.map((p) => p.meetingId)).toEqual([past]);
		expect(await listMeetingPrompts(db, supporter.claims)).toEqual([]);
		expect(await listMeetingPrompts(db, coordinator.claims)).toEqual([]);
		expect(await listMeetingPrompts(db, stranger)).toEqual([]);
		// A meeting still to come (the factory's, next week) cannot be reflected on yet.
		expect(
			await outcome(
				startMeetingReflection(db, mentor.claims, g.group, { meetingId: g.meeting, locale: 'nl' })
			)
		).toBe('not_found');
		expect(
			await outcome(
				startMeetingReflection(db, supporter.claims, g.group, { meetingId: past, locale: 'nl' })
			)
		).toBe('rls');
	});

	it('starts a private reflection with the questions as headings, once; then the one-click share step', async () => {
		const { mentor, observer } = staffed.people;
		const id = await startMeetingReflection(db, mentor.claims, g.group, {
			meetingId: past,
			locale: 'en'
		});
		expect(
			await startMeetingReflection(db, mentor.claims, g.group, { meetingId: past, locale: 'en' })
		).toBe(id);
		const blocks = await documentBlocks(id);
		expect(blocks[0]).toBe('heading2:What did I learn from the others in the group today?');
		expect(blocks.filter((b) => b.startsWith('heading2:'))).toHaveLength(4);
		const row = await loadReflection(db, mentor.claims, g.group, id);
		expect(row?.title).toMatch(/^Reflection after the meeting of /);
		expect(row?.shareScope).toBeNull();
		expect(row?.groupMeetingId).toBe(past);
		// Started: the prompt now asks whether to share it.
		expect((await listMeetingPrompts(db, mentor.claims))[0].reflectionId).toBe(id);
		// Someone else cannot decide for the author.
		expect(await outcome(decideSharing(db, observer.claims, id, 'private'))).toBe('not_found');
		// Sharing with the group: the observer reads it, the prompt is done.
		await decideSharing(db, mentor.claims, id, 'group');
		expect((await loadReflection(db, observer.claims, g.group, id))?.shareScope).toBe('group');
		expect(await listMeetingPrompts(db, mentor.claims)).toEqual([]);
	});

	it('keeping it private ends the prompt too, and nobody else reads it', async () => {
		const { mentee, observer } = staffed.people;
		const id = await startMeetingReflection(db, mentee.claims, g.group, {
			meetingId: past,
			locale: 'nl'
		});
		expect((await documentBlocks(id))[0]).toBe(
			'heading2:Wat heb ik vandaag geleerd van de anderen in de groep?'
		);
		await decideSharing(db, mentee.claims, id, 'private');
		expect(await listMeetingPrompts(db, mentee.claims)).toEqual([]);
		expect(await loadReflection(db, observer.claims, g.group, id)).toBeNull();
		expect((await loadReflection(db, mentee.claims, g.group, id))?.shareDecided).toBe(true);
	});
});
