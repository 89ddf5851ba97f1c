import type { Section, Template } from '../types';
import { date, rich, section, t, text } from '../builders';

/** Names and meeting date at the top of the V and S sheets. */
export function meetingHeader(): Section {
	return section('details', t('Bijeenkomst', 'Meeting'), [
		text('mentee-name', t('Naam van de mentee', "Mentee's name"), { prefill: 'mentee-name' }),
		text('mentor-name', t('Naam van de mentor', "Mentor's name"), { prefill: 'mentor-name' }),
		date('meeting-date', t('Datum van de bijeenkomst', 'Date of the meeting'), { prefill: 'today' })
	]);
}

/** V2 – Waarden: samenwerking (`001…` L1781). */
export const v2: Template = {
	key: 'V2',
	version: 1,
	title: t('V2 Waarden – Samenwerking', 'V2 Values – Collaboration'),
	phase: 'P',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1781 },
	intro: t(
		'De mentor kan dit proces volgen, rekening houdend met het type handicap: kies een teamgenoot of een andere leerling, bij voorkeur een andere mentor, die ter beschikking is voor training met de mentee; kies een oefening voor training of technische beweging – sport of spel, of technische vaardigheden die de mentee kent en waarbij hij/zij zich veilig voelt; stel de doelen van het spel en toon deze aan de mentee en aan zijn/haar teamgenoten door deze in het formulier hieronder te schrijven; laat de mentee de oefening proberen, daarna samen met de helper; vier het succes en vraag de beide wat ze geleerd hebben; vraag in welke andere levenssituaties het geleerde van deze oefening kan worden toegepast.',
		'The mentor can follow this process, taking the type of disability into account: choose a teammate or another learner, preferably another mentor, who is available to train with the mentee; choose a training exercise or technical movement – sport or game, or technical skills the mentee knows and feels safe with; set the goals of the game and show them to the mentee and to his/her teammates by writing them in the form below; let the mentee try the exercise, then together with the helper; celebrate the success and ask both what they learned; ask in which other situations in life what was learned from this exercise can be applied.'
	),
	sections: [
		meetingHeader(),
		section('work-schema-mentee', t('Werkschema – mentee', 'Work schema – mentee'), [
			text('mentee-skill', t('Technische vaardigheden oefenen:', 'Practising technical skills:')),
			text(
				'mentee-goals',
				t('Doelen: technische vaardigheden oefenen:', 'Goals: practising technical skills:')
			)
		]),
		section(
			'work-schema-partner',
			t('Vriend van de mentee / of van de mentor', "The mentee's / or the mentor's friend"),
			[
				text(
					'partner-name',
					t('Vriend van de mentee / of van de mentor', "The mentee's / or the mentor's friend")
				),
				text(
					'partner-skill',
					t('Technische vaardigheden oefenen:', 'Practising technical skills:')
				),
				text(
					'partner-goals',
					t('Doelen: technische vaardigheden oefenen:', 'Goals: practising technical skills:')
				)
			]
		),
		section('results', t('Resultaten', 'Results'), [
			rich(
				'results-alone',
				t('Zelfstandige resultaten van de mentee', "The mentee's results on his/her own")
			),
			rich('results-together', t('Resultaten samen/in het team', 'Results together/in the team'))
		]),
		section('reflection', t('Reflectie', 'Reflection'), [
			rich(
				'why-not-alone',
				t('Waarom heb ik het doel niet alleen bereikt?', "Why didn't I reach the goal on my own?")
			),
			rich(
				'why-together',
				t(
					'Waarom heb ik het doel met behulp van het team of samen met de mentor/vriend bereikt?',
					'Why did I reach the goal with the help of the team or together with the mentor/friend?'
				)
			),
			rich(
				'benefits',
				t('Wat zijn de voordelen van de samenwerking?', 'What are the benefits of collaboration?')
			),
			rich('learned', t('Wat heb ik geleerd?', 'What have I learned?')),
			rich(
				'apply-elsewhere',
				t(
					'In welke andere gebieden kunnen we het geleerde toepassen?',
					'In which other areas can we apply what we have learned?'
				)
			)
		])
	]
};
