import { describe, expect, it } from 'vitest';
import {
	closingReflectionTitle,
	isReactionKind,
	MEETING_QUESTIONS,
	meetingReflectionTitle,
	REACTION_KINDS
} from '$lib/domain/groups/reflection';
import { CATEGORY_OF, NOTIFICATION_KINDS } from '$lib/server/notifications/model';
import { notificationText } from '$lib/server/notifications/text';

describe('reflections in a learning community', () => {
	it('a small fixed set of reactions; nothing else is one', () => {
		expect(REACTION_KINDS).toEqual(['recognisable', 'inspiring', 'support']);
		expect(isReactionKind('inspiring')).toBe(true);
		expect(isReactionKind('thumbs_up')).toBe(false);
		expect(isReactionKind(undefined)).toBe(false);
	});

	it('the meeting questions exist in both languages', () => {
		expect(MEETING_QUESTIONS.length).toBe(4);
		for (const q of MEETING_QUESTIONS) expect(q.nl.endsWith('?') && q.en.endsWith('?')).toBe(true);
	});

	it('titles name the method or the meeting and the day, in the author’s language', () => {
		expect(closingReflectionTitle('incident', '2026-11-30', 'nl')).toBe(
			'Incidentmethode — 30 november 2026'
		);
		expect(closingReflectionTitle('solution_focused', '2026-03-04', 'en')).toBe(
			'Solution-focused round — 4 March 2026'
		);
		expect(meetingReflectionTitle('2026-11-16', 'nl')).toBe(
			'Reflectie na de bijeenkomst van 16 november 2026'
		);
	});

	it('a reaction notifies in the comments category, with the name and never content', () => {
		expect(NOTIFICATION_KINDS).toContain('reflection_reaction');
		expect(CATEGORY_OF.reflection_reaction).toBe('comments');
		expect(notificationText('reflection_reaction', { name: 'Victor' }, 'nl')).toBe(
			'Victor waardeert je gedeelde reflectie'
		);
		expect(notificationText('reflection_reaction', { name: 'Victor' }, 'en')).toBe(
			'Victor appreciated your shared reflection'
		);
	});
});
