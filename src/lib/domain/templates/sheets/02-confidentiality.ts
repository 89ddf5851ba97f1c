import { CONFIDENTIALITY_KEY } from '../keys';
import type { Template } from '../types';
import { checklist, date, opt, section, t, text } from '../builders';

/** 02 – Vertrouwelijkheidsovereenkomst (`001…` L1269). */
export const confidentiality: Template = {
	key: CONFIDENTIALITY_KEY,
	version: 1,
	title: t('02. Vertrouwelijkheidsovereenkomst', '02. Confidentiality agreement'),
	phase: 'BR',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	// The coordinator signs but sees only the signature status, never the content.
	readers: ['mentor', 'mentee'],
	signers: ['mentor', 'mentee', 'coordinator'],
	source: { file: '001_0651839e5917bf82.txt', line: 1269 },
	sections: [
		section('pair', t('Mentee en mentor', 'Mentee and mentor'), [
			text('mentee-name', t('Voornaam en naam van de mentee', "Mentee's first name and surname"), {
				prefill: 'mentee-name'
			}),
			text('mentor-name', t('Voornaam en naam van de mentor', "Mentor's first name and surname"), {
				prefill: 'mentor-name'
			})
		]),
		section(
			'organisation',
			t('Voor mentees en mentoren', 'For mentees and mentors'),
			[
				text(
					'national-coordinator',
					t(
						'… als nationale coördinator van het project',
						'… as national coordinator of the project'
					)
				),
				text('organisation', t('Organisatie', 'Organisation'))
			],
			t(
				'[Nationale coördinator] als nationale coördinator van het project heeft het mentorprogramma georganiseerd en de vaardigheden (mentoren) geïdentificeerd om deze in het vrijwilligerswerk te gebruiken in de mentorrelaties en om bijstand te verlenen aan andere mensen (mentees) die proberen om de efficiëntie van hun vaardigheden te ontwikkelen of te verbeteren en kennis te verwerven.\n\n[Organisatie] vereist het delen van de persoonlijke informatie die zij tijdens het project hebben geleerd, met als enige doel om de juiste mensen te identificeren om een effectieve mentorrelatie op te bouwen. De informatie wordt verwerkt op een of meer computers die verbonden zijn met de server van de organisator en op papier. Alle persoonlijke gegevens worden één jaar na afloop van het project opgeslagen en vervolgens vernietigd. Als je hier een probleem mee hebt, informeer dan de projectcoördinator/mentor. De gegevens worden opgeslagen in de mentor- en mentee logboeken in zowel digitale als papieren versies. Daarnaast heb je het recht om de organisator van het mentorprogramma te vragen om de opgeslagen persoonlijke gegevens in te zien en je persoonlijke gegevens uit hun systeem te laten verwijderen.',
				"[National coordinator], as national coordinator of the project, has organised the mentoring programme and identified the skills (mentors) to be used voluntarily in mentoring relationships and to assist other people (mentees) who are trying to develop or improve the effectiveness of their skills and to gain knowledge.\n\n[Organisation] requires the sharing of the personal information learned during the project, with the sole purpose of identifying the right people to build an effective mentoring relationship. The information is processed on one or more computers connected to the organiser's server, and on paper. All personal data are kept until one year after the end of the project and then destroyed. If you have a problem with this, please inform the project coordinator/mentor. The data are stored in the mentor and mentee logbooks, in both digital and paper versions. In addition, you have the right to ask the organiser of the mentoring programme to see the personal data stored and to have your personal data removed from their system."
			)
		),
		section(
			'data',
			t('Gegevens van mentees en mentoren', 'Data of mentees and mentors'),
			[],
			t(
				'Mentee: Mensen die mogelijk in aanmerking komen als mentees moeten informatie verstrekken over leeftijd, geslacht, contactgegevens, opleiding, werkervaring en andere persoonlijke informatie (zoals speciale behoeften). De mentees krijgen de mogelijkheid om het mentortype te kiezen dat het best bij hun behoeften past, maar de mentor wordt pas op de hoogte gebracht met de persoonlijke gegevens van de mentee nadat de mentee definitief de persoon heeft gekozen die als mentor zal optreden. Dit betekent dat de persoonlijke informatie van de mentee gedeeld wordt tussen de organisator van het mentorprogramma en de mentor.\n\nMentoren: Mensen die mogelijk in aanmerking komen als mentoren zullen worden gevraagd om informatie te verstrekken over leeftijd, geslacht, contactgegevens, opleiding en beroepservaring. Hun informatie wordt zoveel mogelijk verstrekt aan degenen met wie ze het mentorpaar kunnen vormen om hen te helpen om te beslissen of ze als mentor aan het programma willen deelnemen.',
				'Mentee: People who may be eligible as mentees must provide information about their age, gender, contact details, education, work experience and other personal information (such as special needs). Mentees get the opportunity to choose the type of mentor that best fits their needs, but the mentor is only told the personal data of the mentee after the mentee has definitively chosen the person who will act as mentor. This means that the personal information of the mentee is shared between the organiser of the mentoring programme and the mentor.\n\nMentors: People who may be eligible as mentors will be asked to provide information about their age, gender, contact details, education and professional experience. As far as possible, their information is given to those with whom they could form a mentoring pair, to help them decide whether they want to take part in the programme as a mentor.'
			)
		),
		section(
			'clauses',
			t('De koppels gaan akkoord met het volgende:', 'The pairs agree to the following:'),
			[
				checklist(
					'clauses',
					t('De koppels gaan akkoord met het volgende:', 'The pairs agree to the following:'),
					[
						opt(
							'confidential-topics',
							'1. Tijdens de mentorrelatie zullen we vertrouwelijke onderwerpen bespreken De nationale coördinator informeert de mentoren en mentees dat alles wat er in hun relatie gezegd of gedaan wordt op het meest strikte niveau van vertrouwen zal worden gehouden',
							'1. During the mentoring relationship we will discuss confidential topics. The national coordinator informs mentors and mentees that everything said or done in their relationship will be kept in the strictest confidence.'
						),
						opt(
							'secrecy',
							'2. De mentor en de leerling zijn verplicht om alle gegevens en informatie waarvan ze zich bewust zijn geworden in verband met hun deelname aan het mentorprogramma geheim te houden.',
							'2. The mentor and the learner are obliged to keep secret all data and information they have become aware of in connection with their participation in the mentoring programme.'
						),
						opt(
							'voluntary',
							'3. Alle mentoren en mentees nemen op vrijwillige basis deel aan het project en kunnen een vorm van beloning voor hun werk ontvangen. De mentoren staan niet garant en zijn niet verantwoordelijk voor het advies dat aan de mentee wordt gegeven en worden niet gevraagd om een permanente relatie met de mentee te onderhouden na afloop van het programma.',
							'3. All mentors and mentees take part in the project voluntarily and may receive some form of reward for their work. Mentors do not guarantee and are not responsible for the advice given to the mentee, and are not asked to maintain a permanent relationship with the mentee after the programme ends.'
						),
						opt(
							'withdraw',
							'4. De mentor en de mentee kunnen te allen tijde hun mentorrelatie en het programma opgeven. In het laatste geval moet je onmiddellijk de nationale coördinator op de hoogte brengen.',
							'4. The mentor and the mentee may give up their mentoring relationship and the programme at any time. In the latter case you must inform the national coordinator immediately.'
						),
						opt(
							'monitoring',
							'5. Binnen het project zijn procedures voor het monitoren en beoordelen van de kwaliteit van de door het project geleverde diensten ingevoerd. De mentoren en mentees komen overeen om de nationale coördinator alle informatie te verstrekken die het beheer, de evaluatie en het toezicht op het mentorprogramma vergemakkelijkt.',
							'5. The project has introduced procedures for monitoring and assessing the quality of the services it provides. Mentors and mentees agree to give the national coordinator all information that facilitates the management, evaluation and supervision of the mentoring programme.'
						),
						opt(
							'no-liability',
							'6. Door deel te nemen aan het mentorprogramma dat binnen het project wordt uitgevoerd, erkennen de partijen dat de nationale coördinator niet kan worden opgeroepen voor een rechtszaak of aansprakelijk kan worden gesteld voor geschillen of problemen die zich voordoen tussen de mensen die betrokken zijn bij de mentorrelatie.',
							'6. By taking part in the mentoring programme carried out within the project, the parties acknowledge that the national coordinator cannot be summoned to court or held liable for disputes or problems arising between the people involved in the mentoring relationship.'
						),
						opt(
							'rematch',
							'7. Als de mentor of mentee het gevoel heeft dat hun relatie niet goed is omdat ze niet bij elkaar passen, kan de coördinator misschien van de mentor veranderen.',
							'7. If the mentor or mentee feels that their relationship is not good because they do not suit each other, the coordinator may be able to change the mentor.'
						)
					]
				)
			]
		),
		section('acceptance', t('Aanvaarding', 'Acceptance'), [
			checklist('acceptance', t('Aanvaarding', 'Acceptance'), [
				opt(
					'read-understood-accepted',
					'Ik heb bovenstaande aandachtspunten gelezen, begrepen en aanvaard.',
					'I have read, understood and accepted the points above.'
				)
			]),
			date('date', t('Datum', 'Date'), { prefill: 'today' })
		])
	]
};
