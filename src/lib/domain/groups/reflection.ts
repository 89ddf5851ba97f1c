/**
 * What the learning community does with reflections beyond writing them: the reactions colleagues
 * give a shared reflection, the questions that prompt a reflection after a meeting, and the title
 * of the case owner's closing reflection of an intervision round.
 */
import { formatCalendarDay } from '$lib/domain/intl';
import { METHODS, type IntervisionMethod, type Localized } from './intervision';

/**
 * Reactions school leaders give each other's shared reflections: recognition, inspiration and
 * support (seed 004: "informeel leren van elkaar", "bewaken van draagkracht, ook bij jezelf").
 * Each is shown with its word, never an emoji or icon alone.
 */
export const REACTION_KINDS = ['recognisable', 'inspiring', 'support'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export const isReactionKind = (value: unknown): value is ReactionKind =>
	typeof value === 'string' && (REACTION_KINDS as readonly string[]).includes(value);

/**
 * The reflection questions after a group meeting (seed 004: learning from each other, personal
 * leadership development, putting it into practice with the school team, the leader's own
 * resilience). They become the headings of the prompted reflection.
 */
export const MEETING_QUESTIONS: readonly Localized[] = [
	{
		nl: 'Wat heb ik vandaag geleerd van de anderen in de groep?',
		en: 'What did I learn from the others in the group today?'
	},
	{
		nl: 'Wat betekent dit voor mijn eigen leiderschap en mijn rol in de school?',
		en: 'What does this mean for my own leadership and my role in the school?'
	},
	{
		nl: 'Welke stap zet ik in mijn school, en met wie uit mijn team?',
		en: 'Which step do I take in my school, and with whom from my team?'
	},
	{
		nl: 'Hoe zit het met mijn draagkracht, en wat heb ik nodig?',
		en: 'How is my own resilience, and what do I need?'
	}
];

/** How many days after a meeting its members are asked to reflect on it. */
export const MEETING_PROMPT_DAYS = 21;

/** "Incidentmethode — 30 november 2026": the method of the round and its day. */
export function closingReflectionTitle(
	method: IntervisionMethod,
	isoDay: string,
	locale: 'nl' | 'en'
): string {
	return `${METHODS[method].title[locale]} — ${formatCalendarDay(isoDay, locale)}`;
}

/** "Reflectie na de bijeenkomst van 16 november 2026". */
export function meetingReflectionTitle(isoDay: string, locale: 'nl' | 'en'): string {
	return locale === 'en'
		? `Reflection after the meeting of ${formatCalendarDay(isoDay, locale)}`
		: `Reflectie na de bijeenkomst van ${formatCalendarDay(isoDay, locale)}`;
}
