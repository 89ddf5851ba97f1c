import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeDocument } from '$lib/server/collab-access';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { createDuo, endDuo, listDuos } from '$lib/server/groups/duos';
import { loadMyNeeds, loadNeedsSummary, needsInput, saveNeeds } from '$lib/server/groups/needs';
import { loadGroupDocument } from '$lib/server/groups/queries';
import { CloseCode } from '$lib/shared/collab';
import { loadGroupActivity } from '$lib/server/groups/activity';
import { setReflectionSharing } from '$lib/server/groups/commands';
import { addComment, commentAdded, deleteComment, listComments } from '$lib/server/groups/comments';
import { controlRound, loadOpenRound, startRound } from '$lib/server/groups/intervision';
import {
	getGroupMeeting,
	groupMeetingIcs,
	groupMeetingInput,
	groupMeetingPlanned,
	listGroupMeetings,
	planGroupMeeting
} from '$lib/server/groups/meetings';
import type { LiveHub } from '$lib/server/live/hub';
import { DomainError } from '$lib/server/errors';
import type { LiveEvent } from '$lib/shared/live-events';
import { buildGroupWithContent, buildStaffedProgram } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * Learning communities, part 2, on a real database: comments on reflections reach the author,
 * meetings are planned by the right people with a calendar invitation, an intervision round is
 * moved on by its chair on the server's clock, and the coordinator gets counts only. In the group:
 * mentor and mentee (school A), observer (school B), the supporter as facilitator; `stranger` is
 * the mentee of another programme.
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

const refusal = async (work: Promise<unknown>): Promise<string> => {
	try {
		await work;
		return 'ok';
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		if (/row-level security|permission denied/.test((e as Error).message)) return 'rls';
		throw e;
	}
};

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	const elsewhere = await buildStaffedProgram(db);
	await buildGroupWithContent(db, elsewhere);
	stranger = elsewhere.people.mentee.claims;
});
afterAll(() => db.close());

describe(`reflection comments (${testEngine()})`, () => {
	it('a member comments on a shared reflection; the author is notified and the group told live', async () => {
		const { mentee, observer } = staffed.people;
		const target = await addComment(db, observer.claims, g.reflections.menteeGroup, 'Sterk!');
		expect(target.authorId).toBe(mentee.id);
		published.length = 0;
		await commentAdded(
			{ db, live },
			{ reflectionId: g.reflections.menteeGroup, ...target, by: observer.id }
		);
		expect(published[0].event).toEqual({ type: 'group', groupId: g.group, topic: 'comments' });
		expect(published[0].userIds).toContain(mentee.id);
		const notes = await db.asUser(mentee.claims, (tx) =>
			tx.query<{ kind: string; link: string; params: { name: string } }>(
				"select kind, link, params from public.notifications where kind = 'reflection_comment'"
			)
		);
		expect(notes).toHaveLength(1);
		expect(notes[0].link).toBe(`/groups/${g.group}/reflections/${g.reflections.menteeGroup}`);
		// The author reads the comments, with the writer's name; the text never goes in a notification.
		const comments = await listComments(db, mentee.claims, g.reflections.menteeGroup);
		expect(comments.map((c) => c.body)).toContain('Sterk!');
		expect(JSON.stringify(notes)).not.toContain('Sterk!');
	});

	it('nobody comments on what they do not read: a private reflection, another school, another programme', async () => {
		const { observer, supporter, coordinator } = staffed.people;
		expect(await refusal(addComment(db, observer.claims, g.reflections.menteePrivate, 'x'))).toBe(
			'not_found'
		);
		expect(await refusal(addComment(db, observer.claims, g.reflections.menteeSchool, 'x'))).toBe(
			'not_found'
		);
		expect(await refusal(addComment(db, supporter.claims, g.reflections.menteeSchool, 'x'))).toBe(
			'not_found'
		);
		expect(await refusal(addComment(db, coordinator.claims, g.reflections.menteeGroup, 'x'))).toBe(
			'not_found'
		);
		expect(await refusal(addComment(db, stranger, g.reflections.menteeGroup, 'x'))).toBe(
			'not_found'
		);
		expect(await listComments(db, coordinator.claims, g.reflections.menteeGroup)).toEqual([]);
		expect(await listComments(db, stranger, g.reflections.menteeGroup)).toEqual([]);
	});

	it('stopping sharing hides the comments from the others at once; the author keeps them', async () => {
		const { mentee, mentor } = staffed.people;
		expect(await listComments(db, mentor.claims, g.reflections.menteeSchool)).toHaveLength(1);
		await setReflectionSharing(db, mentee.claims, g.reflections.menteeSchool, null);
		expect(await listComments(db, mentor.claims, g.reflections.menteeSchool)).toEqual([]);
		expect(await listComments(db, mentee.claims, g.reflections.menteeSchool)).toHaveLength(1);
		await setReflectionSharing(db, mentee.claims, g.reflections.menteeSchool, 'school');
	});

	it('only the writer deletes a comment', async () => {
		const { mentee, observer } = staffed.people;
		expect(await refusal(deleteComment(db, mentee.claims, g.comments.observerOnGroup))).toBe(
			'not_found'
		);
		expect(await refusal(deleteComment(db, observer.claims, g.comments.observerOnGroup))).toBe(
			'ok'
		);
	});
});

describe(`group meetings (${testEngine()})`, () => {
	const input = groupMeetingInput.parse({
		date: '2027-03-04',
		time: '14:30',
		durationMinutes: '90',
		mode: 'online',
		place: '',
		callLink: 'https://meet.example.org/lgsl'
	});

	it('refuses bad input before anything is written', () => {
		const bad = groupMeetingInput.safeParse({
			date: '2027-02-30',
			time: '25:00',
			durationMinutes: '5',
			mode: 'boat',
			callLink: 'javascript:alert(1)'
		});
		expect(bad.success).toBe(false);
		const fields = new Set(bad.error?.issues.map((i) => String(i.path[0])));
		for (const f of ['date', 'time', 'durationMinutes', 'mode', 'callLink'])
			expect(fields).toContain(f);
	});

	it('the process coach plans; members only once the group steers itself; the group is notified', async () => {
		const { supporter, mentor, coordinator } = staffed.people;
		expect(await refusal(planGroupMeeting(db, mentor.claims, g.group, input))).toBe('forbidden');
		expect(await refusal(planGroupMeeting(db, coordinator.claims, g.group, input))).toBe(
			'forbidden'
		);
		expect(await refusal(planGroupMeeting(db, stranger, g.group, input))).toBe('forbidden');
		const made = await planGroupMeeting(db, supporter.claims, g.group, input);
		await groupMeetingPlanned(
			{ db, live },
			{ groupId: g.group, programId: made.programId, by: supporter.id, date: input.date }
		);
		const notified = await db.asService((tx) =>
			tx.query<{ user_id: string }>(
				"select user_id from public.notifications where kind = 'group_meeting' order by user_id"
			)
		);
		expect(notified.map((n) => n.user_id).sort()).toEqual(
			[staffed.people.mentor.id, staffed.people.mentee.id, staffed.people.observer.id].sort()
		);
		const meeting = await getGroupMeeting(db, mentor.claims, g.group, made.id);
		// 14:30 in Brussels in March is 13:30 UTC.
		expect(meeting?.startsAt).toBe('2027-03-04T13:30:00Z');
		expect(await getGroupMeeting(db, coordinator.claims, g.group, made.id)).toBeNull();
		const ics = groupMeetingIcs(meeting!, 'Leergemeenschap Groep 1', 'https://x.example/groups');
		expect(ics).toContain(`UID:${made.id}@mentorpad`);
		expect(ics).toContain('DTSTART:20270304T133000Z');
		expect(ics).toContain('https://meet.example.org/lgsl');

		await db.asService((tx) =>
			tx.query('update public.groups set self_steering_since = current_date where id = $1', [
				g.group
			])
		);
		expect(await refusal(planGroupMeeting(db, mentor.claims, g.group, input))).toBe('ok');
		expect((await listGroupMeetings(db, mentor.claims, g.group)).canPlan).toBe(true);
		expect((await listGroupMeetings(db, stranger, g.group)).meetings).toEqual([]);
	});
});

describe(`intervision rounds (${testEngine()})`, () => {
	it('one open round per group; the chair moves it on, others may not; the timer is on the server clock', async () => {
		const { supporter, mentee, mentor, observer } = staffed.people;
		// The factory's round is open: a second one is refused until it ends.
		expect(
			await refusal(
				startRound(db, mentor.claims, g.group, {
					method: 'incident',
					caseOwnerId: mentor.id,
					chairId: mentor.id,
					timekeeperId: null
				})
			)
		).toBe('conflict');
		expect(
			await refusal(controlRound({ db, claims: mentee.claims }, g.group, g.round, 'next'))
		).toBe('forbidden');
		// The timekeeper may pause, not move on.
		expect(
			await refusal(controlRound({ db, claims: observer.claims }, g.group, g.round, 'next'))
		).toBe('forbidden');
		await controlRound({ db, claims: observer.claims }, g.group, g.round, 'pause');
		let round = await loadOpenRound(db, mentee.claims, g.group);
		expect(round?.pausedRemaining).toBeGreaterThan(0);
		await controlRound({ db, claims: observer.claims }, g.group, g.round, 'extend');
		expect((await loadOpenRound(db, mentee.claims, g.group))?.pausedRemaining).toBe(
			(round?.pausedRemaining ?? 0) + 120
		);
		await controlRound({ db, claims: supporter.claims }, g.group, g.round, 'resume');
		await controlRound({ db, claims: supporter.claims }, g.group, g.round, 'next');
		round = await loadOpenRound(db, observer.claims, g.group);
		expect(round?.step).toBe(1);
		expect(round?.stepSeconds).toBe(600);
		expect(round?.pausedRemaining).toBeNull();
		expect(Math.abs((round?.serverNow ?? 0) - (round?.stepStartedAt ?? 0))).toBeLessThan(5_000);
		expect(await loadOpenRound(db, stranger, g.group)).toBeNull();
		expect(await loadOpenRound(db, staffed.people.coordinator.claims, g.group)).toBeNull();
		await controlRound({ db, claims: supporter.claims }, g.group, g.round, 'end');
		expect(await loadOpenRound(db, mentee.claims, g.group)).toBeNull();
		// Roles go to people of the group only.
		expect(
			await refusal(
				startRound(db, mentor.claims, g.group, {
					method: 'solution_focused',
					caseOwnerId: mentor.id,
					chairId: stranger.sub,
					timekeeperId: null
				})
			)
		).toBe('invalid');
		const id = await startRound(db, mentor.claims, g.group, {
			method: 'solution_focused',
			caseOwnerId: mentee.id,
			chairId: mentor.id,
			timekeeperId: observer.id
		});
		expect((await loadOpenRound(db, observer.claims, g.group))?.id).toBe(id);
	});
});

describe(`the coordinator's counts per group (${testEngine()})`, () => {
	it('counts only, for the coordinator only; a small group shows none', async () => {
		const { coordinator, mentee, supporter } = staffed.people;
		expect(await loadGroupActivity(db, mentee.claims, staffed.program.id)).toEqual([]);
		expect(await loadGroupActivity(db, supporter.claims, staffed.program.id)).toEqual([]);
		expect(await loadGroupActivity(db, stranger, staffed.program.id)).toEqual([]);
		// Three members, minimum group size 5 by default: suppressed.
		let [row] = await loadGroupActivity(db, coordinator.claims, staffed.program.id);
		expect(row).toMatchObject({ members: 3, suppressed: true, reflectionsKept: null });
		await db.asService((tx) =>
			tx.query('update public.programs set min_group_size = 3 where id = $1', [staffed.program.id])
		);
		[row] = await loadGroupActivity(db, coordinator.claims, staffed.program.id);
		expect(row).toMatchObject({
			members: 3,
			suppressed: false,
			reflectionsKept: 4,
			reflectionsShared: 2,
			intervisionRounds: 1
		});
		expect(row.meetingsPlanned).toBeGreaterThanOrEqual(2);
	});
});

describe(`peer coaching duos (${testEngine()})`, () => {
	const open = (userId: string, docName: string) =>
		authorizeDocument(db)({ userId, name: '', role: '', color: '' }, docName);

	it('a member forms a duo with a partner; only the two open its workspace, at the socket too', async () => {
		const { mentee, observer, mentor, supporter, coordinator } = staffed.people;
		expect(
			await refusal(
				createDuo(db, mentee.claims, g.group, {
					memberA: mentor.id,
					memberB: observer.id,
					locale: 'nl'
				})
			)
		).toBe('forbidden');
		expect(
			await refusal(
				createDuo(db, mentee.claims, g.group, {
					memberA: mentee.id,
					memberB: supporter.id,
					locale: 'nl'
				})
			)
		).toBe('invalid');
		const { duoId, docId } = await createDuo(db, mentee.claims, g.group, {
			memberA: mentee.id,
			memberB: observer.id,
			locale: 'nl'
		});
		expect(
			await refusal(
				createDuo(db, observer.claims, g.group, {
					memberA: observer.id,
					memberB: mentee.id,
					locale: 'nl'
				})
			)
		).toBe('conflict');
		const docName = `group/${g.group}/doc/${docId}`;
		expect((await loadGroupDocument(db, observer.claims, g.group, docId))?.kind).toBe(
			'duo_workspace'
		);
		expect(await loadGroupDocument(db, mentor.claims, g.group, docId)).toBeNull();
		expect(await loadGroupDocument(db, supporter.claims, g.group, docId)).toBeNull();
		expect(await open(mentee.id, docName)).toMatchObject({ access: 'write' });
		expect(await open(observer.id, docName)).toMatchObject({ access: 'write' });
		for (const other of [mentor.id, supporter.id, coordinator.id, stranger.sub])
			expect(await open(other, docName)).toEqual({ deny: CloseCode.Forbidden });
		// The group's own documents still open for everyone in it.
		expect(await open(mentor.id, `group/${g.group}/doc/${g.docId}`)).toMatchObject({
			access: 'write'
		});
		// The process coach sees the duo, not its workspace; a member outside it sees neither.
		const coachView = await listDuos(db, supporter.claims, g.group);
		expect(coachView.find((d) => d.id === duoId)?.docId).toBeNull();
		expect((await listDuos(db, mentor.claims, g.group)).map((d) => d.id)).not.toContain(duoId);

		expect((await endDuo(db, observer.claims, g.group, duoId)).sort()).toEqual(
			[mentee.id, observer.id].sort()
		);
		expect(await open(mentee.id, docName)).toEqual({ deny: CloseCode.Forbidden });
		const left = await db.asService((tx) =>
			tx.query('select 1 from public.yjs_updates where doc_name = $1', [docName])
		);
		expect(left).toHaveLength(0);
	});

	it('the process coach forms a duo of two members', async () => {
		const { mentee, mentor, supporter } = staffed.people;
		const { docId } = await createDuo(db, supporter.claims, g.group, {
			memberA: mentee.id,
			memberB: mentor.id,
			locale: 'en'
		});
		expect((await loadGroupDocument(db, mentor.claims, g.group, docId))?.title).toMatch(
			/^Coaching duo: /
		);
	});
});

describe(`needs analysis (${testEngine()})`, () => {
	const all = (value: number) => ({
		pedagogy: value,
		vision_planning: value,
		policy_interplay: value,
		wellbeing: value,
		learning_gaps: value,
		co_creation: value,
		collective_learning: value,
		leadership: value,
		coaching: value
	});

	it('refuses an incomplete or out-of-scale form', () => {
		expect(needsInput.safeParse({ moment: 'start', answers: { pedagogy: 3 } }).success).toBe(false);
		expect(needsInput.safeParse({ moment: 'start', answers: all(5) }).success).toBe(false);
		expect(needsInput.safeParse({ moment: 'later', answers: all(2) }).success).toBe(false);
		expect(needsInput.safeParse({ moment: 'start', answers: all(2) }).success).toBe(true);
	});

	it('each member keeps their own answers per moment; the coach sees averages once enough answered', async () => {
		const { mentor, mentee, observer, supporter, coordinator } = staffed.people;
		await db.asService((tx) =>
			tx.query('update public.programs set min_group_size = 3 where id = $1', [staffed.program.id])
		);
		expect(
			await refusal(saveNeeds(db, supporter.claims, g.group, { moment: 'start', answers: all(1) }))
		).toBe('forbidden');
		await saveNeeds(db, mentee.claims, g.group, { moment: 'start', answers: all(4) });
		await saveNeeds(db, mentor.claims, g.group, { moment: 'start', answers: all(2) });
		// Two answers, minimum three: nothing for the coach yet.
		expect(await loadNeedsSummary(db, supporter.claims, g.group)).toEqual([]);
		await saveNeeds(db, observer.claims, g.group, { moment: 'start', answers: all(3) });
		await saveNeeds(db, mentee.claims, g.group, { moment: 'year1_end', answers: all(1) });
		const summary = await loadNeedsSummary(db, supporter.claims, g.group);
		expect(summary.filter((r) => r.moment === 'year1_end')).toEqual([]);
		expect(summary.find((r) => r.moment === 'start' && r.theme === 'pedagogy')).toEqual({
			moment: 'start',
			theme: 'pedagogy',
			respondents: 3,
			average: 3
		});
		for (const claims of [mentee.claims, coordinator.claims, stranger])
			expect(await loadNeedsSummary(db, claims, g.group)).toEqual([]);
		const mine = await loadMyNeeds(db, mentee.claims, g.group);
		expect(mine.map((x) => x.moment)).toEqual(['start', 'year1_end']);
		expect(mine[0].answers.pedagogy).toBe(4);
		expect(await loadMyNeeds(db, supporter.claims, g.group)).toEqual([]);
	});
});
