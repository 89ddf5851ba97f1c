import type { Template } from '../types';
import { checklist, date, opt, section, t, text } from '../builders';

/** 01 – Mentorovereenkomst (`001…` L1225). */
export const agreement: Template = {
	key: '01-agreement',
	version: 1,
	title: t('01. Mentorovereenkomst', '01. Mentoring agreement'),
	phase: 'BR',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	signers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1225 },
	intro: t(
		'Als partners in het proces van mentorschap is het belangrijk om wederzijds begrip te hebben van de betrokkenheid die we bij onze mentorrelaties hebben en dat we de verantwoordelijkheid delen om ervoor te zorgen dat het voor ons beiden werkt.',
		'As partners in the mentoring process it is important to have a mutual understanding of the commitment we bring to our mentoring relationship, and that we share the responsibility for making it work for both of us.'
	),
	sections: [
		section('details', t('Mentorovereenkomst', 'Mentoring agreement'), [
			date('first-meeting-date', t('Datum van de eerste bijeenkomst', 'Date of the first meeting')),
			text('mentee-name', t('Voornaam, naam van de mentee', "Mentee's first name and surname"), {
				prefill: 'mentee-name'
			}),
			text('mentor-name', t('Voornaam, naam van de mentor', "Mentor's first name and surname"), {
				prefill: 'mentor-name'
			})
		]),
		section('mentor', t('De mentor is het ermee eens:', 'The mentor agrees to:'), [
			checklist('mentor-commitments', t('De mentor is het ermee eens:', 'The mentor agrees to:'), [
				opt(
					'define-goals',
					'Duidelijk definiëren van de doelen en de ontwikkeling van het mentorprogramma;',
					'Clearly define the goals and the development of the mentoring programme;'
				),
				opt(
					'provide-tools',
					'Alle nodige instrumenten voor samenwerking binnen de mentorrelatie aan de mentee ter beschikking stellen;',
					'Make all the tools needed for working together in the mentoring relationship available to the mentee;'
				),
				opt(
					'plan-activities',
					'Alle activiteiten op voorgaand plannen en de mentorrelatie beheren;',
					'Plan all activities in advance and manage the mentoring relationship;'
				),
				opt(
					'support-career',
					'De mentee ondersteunen bij het opstellen van de loopbaan of de opleiding;',
					'Support the mentee in shaping their career or education;'
				),
				opt(
					'confidentiality',
					'Alle vertrouwelijkheidsprocedures in acht nemen met betrekking tot de informatie en ideeën die tijdens de mentorrelatie zijn ontwikkeld;',
					'Observe all confidentiality procedures for the information and ideas developed during the mentoring relationship;'
				),
				opt(
					'return-documents',
					'Alle documenten terug te geven, in het bijzonder het plan voor ontwikkeling van de mentee aan het einde van het programma.',
					"Return all documents, in particular the mentee's development plan, at the end of the programme."
				)
			])
		]),
		section('mentee', t('De mentee is het ermee eens:', 'The mentee agrees to:'), [
			checklist('mentee-commitments', t('De mentee is het ermee eens:', 'The mentee agrees to:'), [
				opt(
					'follow-programme',
					'Het programma volgen en directe verantwoordelijkheid hebben voor het leertraject;',
					'Follow the programme and take direct responsibility for the learning path;'
				),
				opt(
					'attend-meetings',
					'Het schema volgen en alle afgesproken bijeenkomsten/gesprekken bijwonen en berichten schrijven op het platform…;',
					'Keep to the schedule, attend all agreed meetings/conversations and write messages on the platform;'
				),
				opt(
					'complete-activities',
					'De vragenlijsten invullen en de activiteiten uitvoeren die door de mentor en eventueel de leerkracht van het project zijn bepaald.',
					"Fill in the questionnaires and carry out the activities set by the mentor and, where applicable, the project's teacher."
				)
			])
		]),
		section('together', t('Samen', 'Together'), [
			checklist('joint-commitments', t('De mentor en mentee samen', 'Mentor and mentee together'), [
				opt(
					'monitoring-forms',
					'De mentor en mentee zijn het ermee eens dat ze de evaluatieformulieren en alle monitoringdocumenten regelmatig zullen invullen.',
					'The mentor and mentee agree that they will regularly fill in the evaluation forms and all monitoring documents.'
				)
			]),
			date('date', t('Datum', 'Date'), { prefill: 'today' })
		])
	]
};
