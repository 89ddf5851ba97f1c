import type { Template } from '../types';
import { checklist, opt, rich, section, t } from '../builders';
import { otherNotes } from './s1';
import { resourcesToUse, resourcesUsed, timedWorkSchema, whyFailed, whyReached } from './s2';
import { meetingHeader } from './v2';

/**
 * S3 – Soft skills: resultaatgerichtheid (`001…` L2087). The intro's first sentence is plainer Dutch
 * for the source's "Het is raadzaam om met dit instrument te werken alleen na het voltooien van…".
 */
export const s3: Template = {
	key: 'S3',
	version: 1,
	title: t('S3 Soft skills – Resultaatgerichtheid', 'S3 Soft skills – Results orientation'),
	phase: 'P',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 2087 },
	intro: t(
		'Werk pas met dit instrument nadat je SOFT SKILLS S2 TIJDMANAGEMENT - NAUWKEURIGHEID hebt afgerond. De mentor volgt hetzelfde proces als bij S2 met een andere, maar gelijkaardige oefening (tijden A, B en C zoals in blad S2). Daarna gebruikt de mentor de feedbacklijst in het werkschema, maakt voorbeelden en gebruikt video’s (indien mogelijk) of geeft de mentee de taak om een film met dit soort inhoud aan te bevelen. Het is raadzaam om het leren te versterken met een andere oefening in hetzelfde pedagogische kader, in deze sessie of in de volgende.',
		'Work with this tool only after completing SOFT SKILLS S2 TIME MANAGEMENT - PUNCTUALITY. The mentor follows the same process as in S2 with a different but similar exercise (times A, B and C as in sheet S2). Then the mentor uses the feedback list in the work schema, gives examples and uses videos (if possible) or asks the mentee to recommend a film with this kind of content. It is advisable to reinforce the learning with another exercise in the same teaching frame, in this session or the next.'
	),
	sections: [
		meetingHeader(),
		...timedWorkSchema(),
		section('mentee', t('Mentee', 'Mentee'), [
			whyReached,
			resourcesUsed,
			whyFailed,
			rich(
				'action-not-taken',
				t(
					'Welke actie heb ik niet ondernomen om de doelen te bereiken?',
					'Which action did I not take to reach the goals?'
				)
			),
			resourcesToUse
		]),
		section('mentor-feedback', t('Feedbacklijst voor de mentor', 'Feedback list for the mentor'), [
			rich(
				'improve-development',
				t(
					'Hoe kunnen we de ontwikkeling van mentee verbeteren',
					"How can we improve the mentee's development"
				)
			),
			checklist(
				'feedback-list',
				t('Feedbacklijst voor de mentor', 'Feedback list for the mentor'),
				[
					opt(
						'perseverance',
						"Leg het belang van duurzaamheid en coping uit (uitleggen met voorbeelden of video's en bespreken met enkele persoonlijke verhalen)",
						'Explain the importance of perseverance and coping (explain with examples or videos and discuss with some personal stories)'
					),
					opt(
						'motivation',
						'Wat helpt de motivatie en zelfmotivatie van de mentee? Waaraan denkt hij/zij? Leg uit en bespreek het belang van de zelfmotivatie samen.',
						"What helps the mentee's motivation and self-motivation? What is he/she thinking about? Explain and discuss the importance of self-motivation together."
					),
					opt(
						'never-give-up',
						"Leg het belang uit van het verbeteren van de resultaatgerichtheid en de benadering “geef nooit op” (leg uit met voorbeelden of video's, en bespreek samen met enkele persoonlijke verhalen)",
						'Explain the importance of improving results orientation and the "never give up" approach (explain with examples or videos, and discuss together with some personal stories)'
					),
					opt(
						'what-and-why',
						"Gesprekken over het belang van het begrijpen wat en waarom het wordt gedaan (leg uit met voorbeelden, video's, enkele persoonlijke verhalen).",
						'Conversations about the importance of understanding what is done and why (explain with examples, videos, some personal stories).'
					)
				]
			)
		]),
		section('other', t('Andere vragen', 'Other questions'), [
			otherNotes(
				'Andere vragen (inzichten, vragen en inhoud van een gesprek) (aantekeningen voor de toekomstige bijeenkomsten)',
				'Other questions (insights, questions and content of a conversation) (notes for future meetings)'
			)
		])
	]
};
