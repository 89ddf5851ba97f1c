import { opt } from '../builders';

/**
 * The structured answers matching reads (seed 000: experience, expertise, gender, accessibility,
 * professional interests). The same lists serve the mentee's needs and the mentor's expertise,
 * so the engine can compare them.
 */
export const topicOptions = [
	opt('pedagogical-leadership', 'Pedagogisch leiderschap', 'Pedagogical leadership'),
	opt('team-development', 'Teamontwikkeling en personeelsbeleid', 'Team development and HR'),
	opt('organisation', 'Organisatie en planning', 'Organisation and planning'),
	opt('finance', 'Financiën en infrastructuur', 'Finance and facilities'),
	opt(
		'communication',
		'Communicatie met ouders en partners',
		'Communication with parents and partners'
	),
	opt('pupil-support', 'Leerlingenbegeleiding en zorg', 'Pupil support and care'),
	opt('quality', 'Kwaliteitszorg', 'Quality assurance'),
	opt('innovation', 'Onderwijsinnovatie', 'Educational innovation'),
	opt('wellbeing', 'Welzijn en werk-privébalans', 'Well-being and work-life balance'),
	opt('career', 'Loopbaan en beroepskeuze', 'Career and choice of profession')
] as const;

export const settingOptions = [
	opt('primary', 'Basisonderwijs', 'Primary education'),
	opt('secondary', 'Secundair onderwijs', 'Secondary education'),
	opt('special', 'Buitengewoon onderwijs', 'Special needs education'),
	opt('adult', 'Volwassenenonderwijs', 'Adult education'),
	opt('youth-work', 'Jeugdwerk en opleiding', 'Youth work and training'),
	opt('other', 'Andere', 'Other')
] as const;

export const accessibilityOptions = [
	opt('step-free', 'Rolstoeltoegankelijke plaats', 'Step-free meeting place'),
	opt('sign-language', 'Gebarentaal', 'Sign language'),
	opt('easy-language', 'Eenvoudige taal', 'Easy-to-read language'),
	opt('online-only', 'Alleen online afspreken', 'Meet online only'),
	opt('quiet-space', 'Rustige ruimte', 'Quiet space')
] as const;
