import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createJobRunner } from '$lib/server/jobs/runner';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { notifyComment } from '$lib/server/notifications/events';
import { notificationJobs, programHour, sendDigests } from '$lib/server/notifications/jobs';
import { notify } from '$lib/server/notifications/notify';
import {
	getPreferences,
	savePreferences,
	DEFAULT_PREFERENCES
} from '$lib/server/notifications/preferences';
import { listNotifications, markMeetingHeld, markRead } from '$lib/server/notifications/queries';
import { assignmentDue, REMINDER_SCANS } from '$lib/server/notifications/reminders';
import { createAssignment } from '$lib/server/pairs/assignments';
import {
	unsubscribe,
	unsubscribePath,
	verifyUnsubscribe
} from '$lib/server/notifications/unsubscribe';
import { setPairStatus } from '$lib/server/pairs/commands';
import { updateMeeting } from '$lib/server/pairs/meetings';
import type { PairRef } from '$lib/domain/policy';
import { todayInProgramZone } from '$lib/domain/time';
import { buildPairWithContent, buildStaffedProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

const log = createLogger('silent');
const ORIGIN = 'http://mentorpad.test';
type Staffed = Awaited<ReturnType<typeof buildStaffedProgram>>;

describe(`notifications (${testEngine()})`, () => {
	let db: Database;
	let staffed: Staffed;
	let other: Staffed;
	let pair: PairRef;
	const mailer = () => createOutboxMailer(db, log);
	const runner = () => {
		const work = notificationJobs({ mailer: mailer(), origin: ORIGIN });
		return createJobRunner({ db, log, handlers: work.handlers, intervalMs: 0 });
	};
	const outbox = (to: string) =>
		db.asService((tx) =>
			tx.query<{
				subject: string;
				text: string;
				html: string | null;
				headers: Record<string, string>;
				attachments: { filename: string; content?: string }[];
				kind: string;
			}>(
				`select subject, body_text as text, body_html as html, headers, attachments, kind
				 from public.mail_outbox where to_email = $1 order by created_at`,
				[to]
			)
		);
	const clear = () =>
		db.asService(async (tx) => {
			await tx.query('delete from public.notifications');
			await tx.query('delete from public.mail_outbox');
			await tx.query('delete from public.jobs');
			await tx.query('delete from public.notification_preferences');
		});

	beforeAll(async () => {
		db = await createTestDatabase();
		staffed = await buildStaffedProgram(db);
		other = await buildStaffedProgram(db);
		const pairId = await buildPairWithContent(db, staffed);
		pair = {
			id: pairId,
			programId: staffed.program.id,
			mentorId: staffed.people.mentor.id,
			menteeId: staffed.people.mentee.id,
			supporterId: staffed.people.supporter.id,
			status: 'active'
		};
	});
	afterAll(async () => {
		await db?.close();
	});

	describe('row-level security', () => {
		let id: string;
		beforeAll(async () => {
			await clear();
			[id] = await notify(db, {
				kind: 'meeting_planned',
				recipients: [staffed.people.mentee.id],
				actorId: staffed.people.mentor.id,
				programId: staffed.program.id,
				pairId: pair.id,
				link: `/pairs/${pair.id}/meetings/1`,
				params: { name: 'Mentor', number: 1, date: '2026-10-01' }
			});
		});
		const everyone = (): [string, BuiltUser['claims'] | null][] => [
			...Object.entries(staffed.people).map(
				([role, user]) => [role, user.claims] as [string, BuiltUser['claims']]
			),
			['other programme mentee', other.people.mentee.claims],
			['anon', null]
		];

		it('only its owner reads it and marks it read', async () => {
			for (const [role, claims] of everyone()) {
				const read = () =>
					db.asUser(claims, (tx) =>
						tx.query('select id from public.notifications where id = $1', [id])
					);
				const mark = () =>
					db.asUser(claims, (tx) =>
						tx.query('update public.notifications set read_at = now() where id = $1 returning id', [
							id
						])
					);
				if (role === 'anon') {
					await expect(read(), role).rejects.toThrow(/permission denied/);
					await expect(mark(), role).rejects.toThrow(/permission denied/);
				} else {
					expect((await read()).length, role).toBe(role === 'mentee' ? 1 : 0);
					expect((await mark()).length, role).toBe(role === 'mentee' ? 1 : 0);
				}
			}
		});

		it('nobody inserts, deletes or changes kind, link or owner', async () => {
			for (const [role, claims] of everyone()) {
				const attempts = [
					`insert into public.notifications (user_id, kind, category, link)
					 values ('${staffed.people.mentee.id}', 'message', 'messages', '/')`,
					`update public.notifications set kind = 'message' where id = '${id}'`,
					`update public.notifications set link = '/evil' where id = '${id}'`,
					`update public.notifications set user_id = '${staffed.people.mentor.id}' where id = '${id}'`,
					`delete from public.notifications where id = '${id}'`
				];
				for (const sql of attempts) {
					await expect(
						db.asUser(claims, (tx) => tx.query(sql)),
						`${role}: ${sql}`
					).rejects.toThrow(/permission denied/);
				}
			}
			const rows = await db.asService((tx) =>
				tx.query<{ kind: string; link: string }>('select kind, link from public.notifications')
			);
			expect(rows).toEqual([{ kind: 'meeting_planned', link: `/pairs/${pair.id}/meetings/1` }]);
		});

		it('preferences: each person reads and writes their own row only', async () => {
			const mentee = staffed.people.mentee;
			await savePreferences(db, mentee.claims, { ...DEFAULT_PREFERENCES, messages: 'off' });
			expect((await getPreferences(db, mentee.claims)).messages).toBe('off');
			for (const [role, claims] of everyone()) {
				if (role === 'mentee') continue;
				const read = () =>
					db.asUser(claims, (tx) =>
						tx.query('select * from public.notification_preferences where user_id = $1', [
							mentee.id
						])
					);
				const write = () =>
					db.asUser(claims, (tx) =>
						tx.query(
							"update public.notification_preferences set messages = 'immediate' where user_id = $1 returning user_id",
							[mentee.id]
						)
					);
				const insert = () =>
					db.asUser(claims, (tx) =>
						tx.query(
							"insert into public.notification_preferences (user_id, messages) values ($1, 'off')",
							[mentee.id]
						)
					);
				if (role === 'anon') {
					await expect(read()).rejects.toThrow(/permission denied/);
					await expect(write()).rejects.toThrow(/permission denied/);
				} else {
					expect(await read(), role).toEqual([]);
					expect(await write(), role).toEqual([]);
				}
				await expect(insert(), role).rejects.toThrow(
					/permission denied|row-level security|duplicate/
				);
			}
			expect((await getPreferences(db, mentee.claims)).messages).toBe('off');
		});
	});

	describe('notify', () => {
		beforeAll(clear);

		it('never tells the actor, counts each person once, keeps links same-origin', async () => {
			const ids = await notify(db, {
				kind: 'pair_status',
				recipients: [pair.mentorId, pair.menteeId, pair.menteeId],
				actorId: pair.mentorId,
				link: '/pairs',
				params: { status: 'paused' }
			});
			expect(ids).toHaveLength(1);
			await expect(
				notify(db, { kind: 'pair_status', recipients: [pair.menteeId], link: '//evil.example' })
			).rejects.toThrow(/same-origin/);
			await expect(
				notify(db, {
					kind: 'pair_status',
					recipients: [pair.menteeId],
					link: 'https://evil.example'
				})
			).rejects.toThrow(/same-origin/);
		});

		it('lists, pages and marks read for the owner', async () => {
			await clear();
			for (let i = 0; i < 5; i++) {
				await notify(db, {
					kind: 'pair_stalled',
					recipients: [pair.menteeId],
					link: `/pairs/${pair.id}`,
					params: { days: 21 + i },
					key: `stalled-${i}`
				});
			}
			const claims = staffed.people.mentee.claims;
			const first = await listNotifications(db, claims, 'nl', { limit: 3 });
			expect(first).toMatchObject({ unread: 5, more: true });
			expect(first.items[0].text).toContain('25 dagen');
			const last = first.items.at(-1)!;
			const second = await listNotifications(db, claims, 'en', {
				limit: 3,
				before: { createdAt: last.createdAt, id: last.id }
			});
			expect(second.items).toHaveLength(2);
			expect(second.more).toBe(false);
			expect(second.items[0].text).toMatch(/days/);
			expect(await markRead(db, claims, [first.items[0].id])).toBe(1);
			expect(await markRead(db, staffed.people.mentor.claims, 'all')).toBe(0);
			expect(await markRead(db, claims, 'all')).toBe(4);
			expect((await listNotifications(db, claims, 'nl')).unread).toBe(0);
		});

		it('a reminder key reaches a person once', async () => {
			const input = {
				kind: 'pair_stalled' as const,
				recipients: [pair.menteeId, pair.mentorId],
				link: '/pairs',
				key: 'once'
			};
			expect(await notify(db, input)).toHaveLength(2);
			expect(await notify(db, input)).toHaveLength(0);
		});

		it('comments on one field notify the other person once per few minutes', async () => {
			await clear();
			const sheet = await db.asService((tx) =>
				tx.query<{ id: string }>(
					"select id from public.sheets where pair_id = $1 and template_key = '01-agreement'",
					[pair.id]
				)
			);
			const doc = `pair/${pair.id}/sheet/${sheet[0].id}`;
			const mentor = { userId: pair.mentorId, name: 'Mentor Mo' };
			await notifyComment(db, doc, mentor, ['goals']);
			await notifyComment(db, doc, mentor, ['goals']);
			await notifyComment(db, doc, mentor, ['goals', 'other']);
			const rows = await db.asService((tx) =>
				tx.query<{ userId: string; kind: string; link: string }>(
					'select user_id as "userId", kind, link from public.notifications'
				)
			);
			expect(rows).toHaveLength(2);
			expect(rows.every((r) => r.userId === pair.menteeId && r.kind === 'comment')).toBe(true);
			expect(rows[0].link).toBe(`/pairs/${pair.id}/sheets/01-agreement`);
		});

		it('planning and changing a meeting tells the other person', async () => {
			await clear();
			const input = {
				plannedOn: '2026-10-05',
				time: '16:00',
				durationMinutes: 60,
				place: 'School',
				mode: 'face_to_face' as const,
				held: false
			};
			await updateMeeting({ db, claims: staffed.people.mentor.claims }, pair, 2, input);
			await updateMeeting({ db, claims: staffed.people.mentor.claims }, pair, 2, input);
			await updateMeeting({ db, claims: staffed.people.mentor.claims }, pair, 2, {
				...input,
				time: '17:00'
			});
			const list = await listNotifications(db, staffed.people.mentee.claims, 'nl');
			expect(list.items.map((n) => n.kind)).toEqual(['meeting_changed', 'meeting_planned']);
			expect((await listNotifications(db, staffed.people.mentor.claims, 'nl')).items).toEqual([]);
		});
	});

	describe('e-mail preferences', () => {
		beforeAll(clear);
		const mentee = () => staffed.people.mentee;
		const planned = (key: string) =>
			notify(db, {
				kind: 'meeting_planned',
				recipients: [mentee().id],
				actorId: pair.mentorId,
				programId: pair.programId,
				pairId: pair.id,
				link: `/pairs/${pair.id}/meetings/1`,
				params: { name: 'Mentor Mo', number: 1, date: '2026-10-01' },
				key
			});

		it('immediately: one mail, in the person’s language, with an unsubscribe header and no content', async () => {
			await clear();
			await db.asService((tx) =>
				tx.query("update public.profiles set locale = 'en' where id = $1", [mentee().id])
			);
			await planned('a');
			await runner().tick();
			await runner().tick();
			const mails = await outbox(mentee().email);
			expect(mails).toHaveLength(1);
			expect(mails[0].subject).toBe('Mentor Mo planned meeting 1 on 1 October');
			expect(mails[0].text).toContain(`${ORIGIN}/pairs/${pair.id}/meetings/1`);
			expect(mails[0].html).toContain('<a href="http://mentorpad.test/unsubscribe?');
			expect(mails[0].headers['List-Unsubscribe']).toMatch(
				/^<http:\/\/mentorpad\.test\/unsubscribe\/one-click\?u=.+&c=meetings&s=.+>$/
			);
			expect(mails[0].headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
			await db.asService((tx) =>
				tx.query("update public.profiles set locale = 'nl' where id = $1", [mentee().id])
			);
		});

		it('daily: no mail at once; one digest at the chosen hour, then marked mailed', async () => {
			await clear();
			const hour = programHour(new Date());
			await savePreferences(db, mentee().claims, {
				...DEFAULT_PREFERENCES,
				meetings: 'daily',
				digestHour: (hour + 1) % 24
			});
			await planned('b');
			await planned('c');
			await runner().tick();
			expect(await outbox(mentee().email)).toHaveLength(0);
			const digest = (h: number) =>
				sendDigests(db, {
					mailer: mailer(),
					origin: ORIGIN,
					preferencesUrl: `${ORIGIN}/account`,
					hour: h,
					slot: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000)
				});
			expect(await digest(hour)).toBe(0);
			expect(await digest((hour + 1) % 24)).toBe(1);
			const mails = await outbox(mentee().email);
			expect(mails).toHaveLength(1);
			expect(mails[0].kind).toBe('digest');
			expect(mails[0].text).toContain('Mentor Mo plande bijeenkomst 1 op 1 oktober (2 keer)');
			// Marked mailed: the next digest has nothing for them.
			expect(await digest((hour + 1) % 24)).toBe(0);
		});

		it('a digest hour missed while the app was down is caught up at the next hourly run', async () => {
			await clear();
			const slot = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
			const hour = programHour(slot);
			// The person's digest hour was two hours ago; the app did not run then.
			await savePreferences(db, mentee().claims, {
				...DEFAULT_PREFERENCES,
				meetings: 'daily',
				digestHour: (hour + 22) % 24
			});
			await planned('e');
			const digest = () =>
				sendDigests(db, {
					mailer: mailer(),
					origin: ORIGIN,
					preferencesUrl: `${ORIGIN}/account`,
					hour,
					slot
				});
			// Written after that hour: it waits for tomorrow's digest, as usual.
			await db.asService((tx) =>
				tx.query(
					"update public.notifications set created_at = $2::timestamptz - interval '1 hour' where user_id = $1",
					[mentee().id, slot]
				)
			);
			expect(await digest()).toBe(0);
			// Written before it: the digest it belonged to was missed, so this run sends it.
			await db.asService((tx) =>
				tx.query(
					"update public.notifications set created_at = $2::timestamptz - interval '3 hours' where user_id = $1",
					[mentee().id, slot]
				)
			);
			expect(await digest()).toBe(1);
			expect((await outbox(mentee().email)).map((mail) => mail.kind)).toEqual(['digest']);
			expect(await digest()).toBe(0);
		});

		it('off: neither a mail nor a digest, but the notification is there', async () => {
			await clear();
			await savePreferences(db, mentee().claims, { ...DEFAULT_PREFERENCES, meetings: 'off' });
			await planned('d');
			await runner().tick();
			for (let h = 0; h < 24; h++) {
				await sendDigests(db, {
					mailer: mailer(),
					origin: ORIGIN,
					preferencesUrl: '',
					hour: h,
					slot: new Date()
				});
			}
			expect(await outbox(mentee().email)).toHaveLength(0);
			expect((await listNotifications(db, mentee().claims, 'nl')).unread).toBe(1);
		});

		it('the unsubscribe link turns off only its own category; a tampered link does nothing', async () => {
			await clear();
			await savePreferences(db, mentee().claims, { ...DEFAULT_PREFERENCES, comments: 'immediate' });
			const path = await unsubscribePath(db, mentee().id, 'meetings');
			const query = Object.fromEntries(new URL(path, ORIGIN).searchParams);
			expect(await verifyUnsubscribe(db, { ...query, c: 'comments' })).toBeNull();
			expect(await verifyUnsubscribe(db, { ...query, u: pair.mentorId })).toBeNull();
			expect(await verifyUnsubscribe(db, { ...query, s: query.s.slice(0, -2) + 'AA' })).toBeNull();
			expect(await verifyUnsubscribe(db, { ...query, s: '' })).toBeNull();
			const request = await verifyUnsubscribe(db, query);
			expect(request).toEqual({ userId: mentee().id, category: 'meetings' });
			await unsubscribe(db, request!);
			expect(await getPreferences(db, mentee().claims)).toEqual({
				...DEFAULT_PREFERENCES,
				comments: 'immediate',
				meetings: 'off'
			});
		});
	});

	describe('pair status', () => {
		it('pausing and resuming a pair tells both people, not the coordinator', async () => {
			await clear();
			await setPairStatus(db, staffed.people.coordinator.claims, pair.id, 'paused');
			await setPairStatus(db, staffed.people.coordinator.claims, pair.id, 'active');
			const rows = await db.asService((tx) =>
				tx.query<{ userId: string; status: string }>(
					`select user_id as "userId", params ->> 'status' as status from public.notifications
					 where kind = 'pair_status'`
				)
			);
			expect(rows).toHaveLength(4);
			expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([pair.mentorId, pair.menteeId]));
			const list = await listNotifications(db, staffed.people.mentee.claims, 'nl');
			expect(list.items.map((n) => n.text).sort()).toEqual([
				'Je koppel is nu actief',
				'Je koppel is nu gepauzeerd'
			]);
		});
	});

	describe('reminders', () => {
		const scan = () => {
			const work = notificationJobs({ mailer: mailer(), origin: ORIGIN });
			return work.handlers['reminders.scan'](
				{
					id: '0',
					kind: 'reminders.scan',
					payload: {},
					key: null,
					programId: null,
					attempt: 1,
					maxAttempts: 5
				},
				{ db, now: new Date() }
			);
		};
		const tomorrow = () => {
			const d = new Date(`${todayInProgramZone()}T00:00:00Z`);
			d.setUTCDate(d.getUTCDate() + 1);
			return d.toISOString().slice(0, 10);
		};

		it('a meeting tomorrow reaches both people once, the mail with the .ics', async () => {
			await clear();
			await db.asService((tx) =>
				tx.query(
					`update public.programs set starts_on = current_date - 400, ends_on = current_date + 300 where id = $1`,
					[pair.programId]
				)
			);
			await db.asService((tx) =>
				tx.query(
					`update public.meetings set planned_on = $2::date, held_at = null where pair_id = $1 and number = 3`,
					[pair.id, tomorrow()]
				)
			);
			await scan();
			await scan();
			await runner().tick();
			for (const person of [staffed.people.mentor, staffed.people.mentee]) {
				const mails = (await outbox(person.email)).filter(
					(m) => m.kind === 'notification.meeting_tomorrow'
				);
				expect(mails, person.email).toHaveLength(1);
				expect(mails[0].attachments[0].filename).toBe('mentorpad-3.ics');
				expect(mails[0].attachments[0].content).toContain('BEGIN:VCALENDAR');
			}
		});

		it('a passed meeting not marked held asks the mentor; one click marks it', async () => {
			await clear();
			const past = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
			await db.asService((tx) =>
				tx.query(
					`update public.meetings set planned_on = $2::date, held_at = null where pair_id = $1 and number = 4`,
					[pair.id, past]
				)
			);
			await scan();
			const mentorList = await listNotifications(db, staffed.people.mentor.claims, 'nl');
			const unheld = mentorList.items.find((n) => n.kind === 'meeting_unheld')!;
			expect(unheld.meetingId).toBeTruthy();
			expect(
				(await listNotifications(db, staffed.people.mentee.claims, 'nl')).items.some(
					(n) => n.kind === 'meeting_unheld'
				)
			).toBe(false);
			expect(await markMeetingHeld(db, other.people.mentor.claims, unheld.meetingId!)).toBe(false);
			expect(await markMeetingHeld(db, staffed.people.mentor.claims, unheld.meetingId!)).toBe(true);
			const held = await db.asService((tx) =>
				tx.query<{ held: boolean }>(
					'select held_at is not null as held from public.meetings where id = $1',
					[unheld.meetingId]
				)
			);
			expect(held[0].held).toBe(true);
			expect(
				(await listNotifications(db, staffed.people.mentor.claims, 'nl')).items.find(
					(n) => n.id === unheld.id
				)?.read
			).toBe(true);
		});

		it('logbook part 2 two days after a held meeting, and a stalled pair per the programme threshold', async () => {
			await clear();
			await db.asService(async (tx) => {
				await tx.query(
					`update public.meetings set held_at = null, planned_on = null where pair_id = $1`,
					[pair.id]
				);
				await tx.query(
					`update public.meetings set held_at = now() - interval '3 days' where pair_id = $1 and number = 1`,
					[pair.id]
				);
				await tx.query('update public.programs set stall_days = 30 where id = $1', [
					pair.programId
				]);
			});
			await scan();
			let kinds = await db.asService((tx) =>
				tx.query<{ kind: string; userId: string }>(
					'select kind, user_id as "userId" from public.notifications order by kind'
				)
			);
			expect(kinds.filter((k) => k.kind === 'logbook_due')).toHaveLength(2);
			expect(kinds.some((k) => k.kind === 'pair_stalled')).toBe(false);
			await db.asService((tx) =>
				tx.query(
					`update public.meetings set held_at = now() - interval '25 days' where pair_id = $1 and number = 1`,
					[pair.id]
				)
			);
			await scan();
			await db.asService((tx) =>
				tx.query('update public.programs set stall_days = 21 where id = $1', [pair.programId])
			);
			await scan();
			await scan();
			kinds = await db.asService((tx) =>
				tx.query<{ kind: string; userId: string }>(
					'select kind, user_id as "userId" from public.notifications'
				)
			);
			expect(
				kinds
					.filter((k) => k.kind === 'pair_stalled')
					.map((k) => k.userId)
					.sort()
			).toEqual([pair.mentorId, pair.menteeId].sort());
		});

		it('an assignment notifies the assignee; due tomorrow, it is reminded once', async () => {
			await clear();
			await db.asService((tx) =>
				tx.query(
					`update public.programs set starts_on = current_date - 400, ends_on = current_date + 300 where id = $1`,
					[pair.programId]
				)
			);
			await db.asService((tx) =>
				tx.query('delete from public.assignments where pair_id = $1', [pair.id])
			);
			await createAssignment({ db, claims: staffed.people.mentor.claims }, pair, {
				sheetKey: 'PS1',
				assigneeId: staffed.people.mentee.id,
				dueOn: tomorrow(),
				note: ''
			});
			const asked = await listNotifications(db, staffed.people.mentee.claims, 'nl');
			expect(asked.items.map((n) => n.kind)).toEqual(['assignment']);
			expect(asked.items[0].link).toBe(`/pairs/${pair.id}/sheets/PS1`);
			await scan();
			await scan();
			const kinds = (await listNotifications(db, staffed.people.mentee.claims, 'nl')).items.map(
				(n) => n.kind
			);
			expect(kinds.filter((k) => k === 'assignment_due')).toHaveLength(1);
			const mentorKinds = (
				await listNotifications(db, staffed.people.mentor.claims, 'nl')
			).items.map((n) => n.kind);
			expect(mentorKinds.filter((k) => k.startsWith('assignment'))).toEqual([]);
			expect(REMINDER_SCANS).toContain(assignmentDue);
		});

		it('a changed meeting mails the other person its invitation with a higher SEQUENCE', async () => {
			await clear();
			await savePreferences(db, staffed.people.mentee.claims, {
				...(await getPreferences(db, staffed.people.mentee.claims)),
				meetings: 'immediate'
			});
			const input = {
				plannedOn: tomorrow(),
				time: '16:00',
				durationMinutes: 60,
				place: 'School',
				mode: 'face_to_face' as const,
				held: false
			};
			// Each mail is made when it is sent, with the meeting as it is then.
			await updateMeeting({ db, claims: staffed.people.mentor.claims }, pair, 5, input);
			await runner().tick();
			await updateMeeting({ db, claims: staffed.people.mentor.claims }, pair, 5, {
				...input,
				time: '17:00'
			});
			await runner().tick();
			const mails = (await outbox(staffed.people.mentee.email)).filter((m) =>
				m.kind.startsWith('notification.meeting_')
			);
			const sequences = mails.map((m) =>
				Number(/SEQUENCE:(\d+)/.exec(m.attachments[0].content ?? '')?.[1])
			);
			expect(mails).toHaveLength(2);
			expect(
				new Set(mails.map((m) => /UID:(\S+)/.exec(m.attachments[0].content ?? '')?.[1])).size
			).toBe(1);
			expect(Math.max(...sequences)).toBeGreaterThan(Math.min(...sequences));
		});
	});
});

void buildUser;
