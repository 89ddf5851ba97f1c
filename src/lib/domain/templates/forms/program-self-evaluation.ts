import { SELF_EVALUATION_KEY } from '../keys';
import type { Field, LocalizedText, Option, Section, Template } from '../types';
import { checklist, multi, opt, rich, section, t } from '../builders';

/** A code-of-practice section: its practices to tick, the evidence and what to improve. */
function practices(
	key: string,
	title: LocalizedText,
	items: readonly Option[],
	extra: readonly Field[] = []
): Section {
	return section(key, title, [
		checklist(`${key}-practices`, t('Goede praktijken', 'Good practice'), items),
		...extra,
		rich(`${key}-evidence`, t('Bewijs en toelichting', 'Evidence and explanation')),
		rich(`${key}-improvements`, t('Verbeterpunten', 'Points to improve'))
	]);
}

/**
 * Zelfevaluatie van het mentorprogramma door de coördinator, volgens de praktijkcode van
 * `001…` Deel 2 (L68–259): doelen en secties 1–7.
 */
export const programSelfEvaluation: Template = {
	key: SELF_EVALUATION_KEY,
	version: 1,
	title: t('Zelfevaluatie van het mentorprogramma', 'Self-evaluation of the mentoring programme'),
	phase: 'whole',
	mode: 'either',
	instances: 'repeatable',
	filledBy: ['coordinator'],
	reviewedBy: [],
	readers: ['coordinator'],
	source: { file: '001_0651839e5917bf82.txt', line: 68 },
	intro: t(
		'Als je je eigen programma evalueert, is die zelfevaluatie van jou. Je bereikt de beste resultaten als je het proces helemaal open en eerlijk doorloopt: problemen die je niet herkent, kan je ook niet oplossen.',
		'If you evaluate your own programme, the self-evaluation is yours. You get the best results by going through the process fully openly and honestly: problems you do not recognise, you cannot solve.'
	),
	sections: [
		practices(
			'goals',
			t('Je doelen bepalen', 'Defining your goals'),
			[
				opt(
					'clear-goals',
					'Ons programma heeft zeer duidelijke doelstellingen.',
					'Our programme has very clear objectives.'
				),
				opt(
					'goals-understood',
					'Iedereen die betrokken is bij het proces begrijpt de doelen volledig.',
					'Everyone involved in the process fully understands the goals.'
				)
			],
			[
				rich(
					'goals',
					t('Wat zijn de doelen van ons programma?', 'What are the goals of our programme?')
				)
			]
		),
		practices(
			'recruitment',
			t('Sectie 1 – Deelnemers werven', 'Section 1 – Recruiting participants'),
			[
				opt(
					'targeted',
					'Onze marketing is gericht op de gewenste groepen en weerspiegelt hun behoeften en belangen.',
					'Our marketing targets the intended groups and reflects their needs and interests.'
				),
				opt(
					'simple-form',
					'We gebruiken een vereenvoudigd aanvraagformulier dat voldoende materiaal geeft om de geschiktheid van de kandidaten te beoordelen.',
					"We use a simplified application form that gives enough material to judge the candidates' suitability."
				),
				opt(
					'third-party',
					'We hebben overwogen of een betrouwbaar bewijs van een derde partij (bijvoorbeeld een werkgever, een leraar of een collega) een nuttige aanvulling is.',
					'We have considered whether reliable evidence from a third party (for example an employer, a teacher or a colleague) would be a useful addition.'
				),
				opt(
					'network',
					'We werken via een netwerk van contacten, zoals lokale werkgevers, vrijwilligersgroepen en organisaties.',
					'We work through a network of contacts, such as local employers, volunteer groups and organisations.'
				),
				opt(
					'over-recruit',
					'Het is belangrijk om meer deelnemers dan nodig aan te trekken.',
					'It is important to attract more participants than needed.'
				),
				opt(
					'timing',
					'De timing van de werving houdt rekening met vakanties en examensessies, en er zit weinig tijd tussen de werving en het begin van de mentoring.',
					'The timing of recruitment takes holidays and exams into account, and little time passes between recruitment and the start of mentoring.'
				)
			],
			[
				multi(
					'marketing',
					t('Succesvolle marketingtechnieken', 'Successful marketing techniques'),
					[
						opt(
							'print',
							'Posters, brochures, folders, flyers',
							'Posters, brochures, leaflets, flyers'
						),
						opt('email', 'E-mails naar doelgroepen', 'E-mails to target groups'),
						opt(
							'presentations',
							'Presentaties voor een uitgenodigd publiek',
							'Presentations to an invited audience'
						),
						opt(
							'stories',
							'Aanbevelingen en verhalen over concrete gevallen',
							'Recommendations and stories about real cases'
						),
						opt(
							'websites',
							'Informatie over het programma op websites opnemen',
							'Information about the programme on websites'
						)
					]
				)
			]
		),
		practices(
			'risk',
			t('Sectie 2 – Risicomanagement en uitdagingen', 'Section 2 – Risk management and challenges'),
			[
				opt(
					'risk-management',
					'Ons programma omvat risicomanagement: zorgvuldige planning, effectieve monitoring en goede ondersteuningssystemen.',
					'Our programme includes risk management: careful planning, effective monitoring and good support systems.'
				),
				opt(
					'screening',
					'We hebben gecontroleerd of er in ons land een screeningsvereiste bestaat voor wie met kwetsbare mensen werkt, en passen die toe.',
					'We have checked whether our country requires screening of people who work with vulnerable people, and we apply it.'
				),
				opt(
					'safe-to-raise',
					'We creëren een omgeving waarin de deelnemers zich op hun gemak voelen om hun zorgen te delen voordat ze zeer ernstig worden.',
					'We create an environment in which participants feel comfortable sharing their concerns before they become very serious.'
				),
				opt(
					'one-contact',
					'Elke mentor en mentee is gedurende het hele proces in contact met een en dezelfde persoon.',
					'Every mentor and mentee is in touch with one and the same person throughout the process.'
				)
			]
		),
		practices(
			'matching',
			t('Sectie 3 – Mentoren en mentees groeperen', 'Section 3 – Matching mentors and mentees'),
			[
				opt(
					'information',
					'We verzamelen tijdens de werving zoveel mogelijk informatie over de interesses, kennis en ervaring van mentoren en mentees.',
					'During recruitment we collect as much information as possible about the interests, knowledge and experience of mentors and mentees.'
				),
				opt(
					'harmony',
					'De ervaring en de competentie van de mentor moeten in harmonie zijn met de oorsprong en de behoeften van de mentee en omgekeerd.',
					"The mentor's experience and competence must be in harmony with the mentee's background and needs, and vice versa."
				),
				opt(
					'realistic',
					'De verwachtingen zijn realistisch: de mentor is geen combinatie van een psycholoog, een prediker en een leraar.',
					'Expectations are realistic: the mentor is not a combination of psychologist, preacher and teacher.'
				),
				opt(
					'face-to-face',
					'Direct contact (face-to-face) is een onderdeel van het groeperingsproces, bv. een informele ontmoeting vóór de formele start.',
					'Direct (face-to-face) contact is part of the matching process, e.g. an informal meeting before the formal start.'
				)
			]
		),
		practices(
			'training',
			t('Sectie 4 – Benoeming en training', 'Section 4 – Appointment and training'),
			[
				opt(
					'one-process',
					'Alle stadia van benoeming en training worden bekeken als onderdelen van één proces.',
					'All stages of appointment and training are seen as parts of one process.'
				),
				opt(
					'rules-signed',
					'De deelnemers ondertekenen een overeenkomst die bevestigt dat zij alle programmaregels aanvaarden, in het bijzonder de vertrouwelijkheid.',
					'Participants sign an agreement confirming that they accept all programme rules, confidentiality in particular.'
				),
				opt(
					'boundaries',
					'De grenzen van de normale interactie tussen mentor en mentee worden in de opleiding uitgelegd.',
					'The boundaries of normal interaction between mentor and mentee are explained in the training.'
				),
				opt(
					'fit',
					'De structuur en de inhoud van het leerprogramma zijn in overeenstemming met de behoeften van de doelgroep.',
					'The structure and content of the training programme match the needs of the target group.'
				),
				opt(
					'handbook',
					'Het programma is gebaseerd op een uitgebreid handboek dat de deelnemers ontvangen als leidraad voor gebruik tijdens het mentorschapproces.',
					'The programme is based on a comprehensive handbook that participants receive as a guide during the mentoring process.'
				),
				opt(
					'time',
					'Mentoren en mentees krijgen voldoende tijd om hun verantwoordelijkheden effectief uit te voeren.',
					'Mentors and mentees get enough time to carry out their responsibilities effectively.'
				)
			]
		),
		practices(
			'agreements',
			t(
				'Sectie 5 – Doelstellingen definiëren en overeenkomsten sluiten',
				'Section 5 – Defining objectives and making agreements'
			),
			[
				opt(
					'procedures-roles',
					'Er is een „Overeenkomst over procedures en rollen”: een duidelijke, gedeelde en schriftelijke overeenkomst vanaf het begin.',
					'There is an "Agreement on procedures and roles": a clear, shared, written agreement from the start.'
				),
				opt(
					'when-wrong',
					'De overeenkomst beschrijft wat er gebeurt als er iets misgaat, bv. bij een interpersoonlijk conflict.',
					'The agreement describes what happens if something goes wrong, e.g. an interpersonal conflict.'
				),
				opt(
					'goals-results',
					'Er is een „Overeenkomst over de doelen en resultaten” (actieplan), zo vroeg mogelijk opgesteld.',
					'There is an "Agreement on goals and results" (action plan), drawn up as early as possible.'
				),
				opt(
					'simple',
					'De vorm van de overeenkomsten is eenvoudig en duidelijk.',
					'The agreements are simple and clear in form.'
				)
			]
		),
		practices(
			'monitoring',
			t('Sectie 6 – Monitoring en evaluatie', 'Section 6 – Monitoring and evaluation'),
			[
				opt(
					'regular',
					'Er is een regelmatig monitoringproces dat actief controleert of de relatie goed werkt.',
					'There is a regular monitoring process that actively checks whether the relationship works well.'
				),
				opt(
					'confidential',
					'De monitoring respecteert de vertrouwelijkheid en flexibiliteit van de mentorparen.',
					'Monitoring respects the confidentiality and flexibility of the mentoring pairs.'
				),
				opt(
					'feedback',
					'We weten of de deelnemers hun ervaring succesvol vinden en welke aspecten goed of slecht hebben gewerkt.',
					'We know whether participants find their experience successful and which aspects worked well or badly.'
				),
				opt(
					'programme',
					'Het hele programma wordt geëvalueerd tegen de gestelde doelen.',
					'The whole programme is evaluated against its stated goals.'
				),
				opt(
					'anonymous-reporting',
					'Vertrouwelijke informatie over mentees en mentoren wordt in geen enkel stadium van de rapportering openbaar gemaakt.',
					'Confidential information about mentees and mentors is never made public at any stage of reporting.'
				)
			]
		),
		practices(
			'validation',
			t('Sectie 7 – Validatie van leerresultaten', 'Section 7 – Validation of learning outcomes'),
			[
				opt(
					'certificate',
					'Mentees krijgen de kans om een eenvoudig certificaat van voltooiing van de opleiding op te maken waarin hun prestaties worden opgegeven.',
					'Mentees get the chance to draw up a simple certificate of completion stating their achievements.'
				),
				opt(
					'portfolio',
					'Mentees krijgen de kans om een portfolio samen te stellen met directe bewijzen en producten die de bereikte leerresultaten aantonen.',
					'Mentees get the chance to put together a portfolio with direct evidence and products showing the learning outcomes achieved.'
				),
				opt(
					'voluntary',
					'Deelname aan het validatieproces is vrijwillig.',
					'Taking part in the validation process is voluntary.'
				),
				opt(
					'refusal-explained',
					'Een eventuele keuze om niet te valideren is gemotiveerd in de Verklaring van zelfevaluatie.',
					'Any choice not to validate is explained in the self-evaluation statement.'
				)
			],
			[
				rich(
					'model-used',
					t(
						'Wordt het voorgestelde model hieronder gebruikt en, zo ja, hoe nuttig was het?',
						'Is the model proposed (certificate of completion and portfolio) used and, if so, how useful was it?'
					)
				),
				rich(
					'alternative-model',
					t(
						'Is er een alternatief model gebruikt en, zo ja, wat zijn de kenmerken ervan en wat zijn de resultaten van de evaluatie van de kennis?',
						'Was an alternative model used and, if so, what are its features and what are the results of the evaluation of learning?'
					)
				),
				rich(
					'neither',
					t(
						'Als het antwoord op de bovenstaande twee vragen ontkennend is, waarom en wat zijn dan de resultaten?',
						'If the answer to both questions above is no, why, and what are the results?'
					)
				)
			]
		)
	]
};
