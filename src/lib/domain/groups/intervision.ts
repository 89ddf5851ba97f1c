/**
 * The intervision methods a group runs live (seed 004: "open intervisie-methodieken"; issue #12
 * names the incident method and a solution-focused round), each a list of steps with the time a
 * step gets by default, and the pure timer arithmetic every participant shares: the server stamps
 * when a step started, so the remaining time is the same on every screen.
 */

export const INTERVISION_METHODS = ['incident', 'solution_focused'] as const;
export type IntervisionMethod = (typeof INTERVISION_METHODS)[number];

export interface Localized {
	nl: string;
	en: string;
}

export interface IntervisionStep {
	title: Localized;
	/** What happens in the step, and who speaks. */
	guide: Localized;
	minutes: number;
}

export interface IntervisionMethodDef {
	key: IntervisionMethod;
	title: Localized;
	steps: readonly IntervisionStep[];
}

export const METHODS: Record<IntervisionMethod, IntervisionMethodDef> = {
	incident: {
		key: 'incident',
		title: { nl: 'Incidentmethode', en: 'Incident method' },
		steps: [
			{
				title: { nl: 'Inbreng van de casus', en: 'Introducing the case' },
				guide: {
					nl: 'De inbrenger vertelt kort een concreet voorval uit de eigen praktijk en de vraag die het oproept.',
					en: 'The case owner briefly tells a concrete incident from their own practice and the question it raises.'
				},
				minutes: 5
			},
			{
				title: { nl: 'Verhelderende vragen', en: 'Clarifying questions' },
				guide: {
					nl: 'De deelnemers stellen informatievragen over de feiten; nog geen adviezen of meningen.',
					en: 'Participants ask questions about the facts; no advice or opinions yet.'
				},
				minutes: 10
			},
			{
				title: { nl: 'Analyse', en: 'Analysis' },
				guide: {
					nl: 'De groep zoekt de kern van het probleem; de inbrenger luistert en bevestigt of corrigeert.',
					en: 'The group looks for the core of the problem; the case owner listens, then confirms or corrects.'
				},
				minutes: 10
			},
			{
				title: { nl: 'Adviesronde', en: 'Advice round' },
				guide: {
					nl: 'Elke deelnemer zegt wat hij of zij zelf zou doen; de inbrenger noteert zonder te reageren.',
					en: 'Each participant says what they would do; the case owner notes it down without responding.'
				},
				minutes: 10
			},
			{
				title: { nl: 'Reflectie door de inbrenger', en: 'Reflection by the case owner' },
				guide: {
					nl: 'De inbrenger zegt wat hij of zij meeneemt en welke stap volgt; daarna een korte evaluatie van de ronde.',
					en: 'The case owner says what they take away and which step comes next; then a short evaluation of the round.'
				},
				minutes: 5
			}
		]
	},
	solution_focused: {
		key: 'solution_focused',
		title: { nl: 'Oplossingsgerichte ronde', en: 'Solution-focused round' },
		steps: [
			{
				title: { nl: 'Inbreng van de casus', en: 'Introducing the case' },
				guide: {
					nl: 'De inbrenger schetst de situatie en wat hij of zij wil bereiken: wat is er anders als het opgelost is?',
					en: 'The case owner sketches the situation and the goal: what is different once it is solved?'
				},
				minutes: 5
			},
			{
				title: { nl: 'Verhelderende vragen', en: 'Clarifying questions' },
				guide: {
					nl: 'Vragen naar uitzonderingen en naar wat nu al werkt; een schaalvraag: waar sta je van 0 tot 10?',
					en: 'Questions about exceptions and what already works; a scaling question: where are you from 0 to 10?'
				},
				minutes: 10
			},
			{
				title: { nl: 'Analyse: sterktes en hulpbronnen', en: 'Analysis: strengths and resources' },
				guide: {
					nl: 'De deelnemers benoemen de sterktes en hulpbronnen die ze horen, als complimenten.',
					en: 'Participants name the strengths and resources they hear, as compliments.'
				},
				minutes: 5
			},
			{
				title: { nl: 'Advies: kleine volgende stappen', en: 'Advice: small next steps' },
				guide: {
					nl: 'Ideeën voor één punt hoger op de schaal; de inbrenger luistert en noteert.',
					en: 'Ideas for one point higher on the scale; the case owner listens and takes notes.'
				},
				minutes: 10
			},
			{
				title: { nl: 'Reflectie door de inbrenger', en: 'Reflection by the case owner' },
				guide: {
					nl: 'De inbrenger kiest een eerste kleine stap en zegt wanneer hij of zij die zet.',
					en: 'The case owner chooses a first small step and says when they will take it.'
				},
				minutes: 5
			}
		]
	}
};

/** The timer of a round as stored: when the step began (server clock), its length, a pause. */
export interface TimerState {
	stepStartedAt: number;
	stepSeconds: number;
	/** Seconds left while paused; null while running. */
	pausedRemaining: number | null;
}

/** Seconds left in the step at `now` (both on the server's clock); negative once overrun. */
export function remainingSeconds(timer: TimerState, now: number): number {
	if (timer.pausedRemaining !== null) return timer.pausedRemaining;
	return timer.stepSeconds - Math.floor((now - timer.stepStartedAt) / 1000);
}

/** mm:ss, with a minus sign once the step runs over. */
export function formatClock(seconds: number): string {
	const sign = seconds < 0 ? '-' : '';
	const s = Math.abs(seconds);
	return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const MAX_STEP_SECONDS = 7200;
/** How much the chair adds at a time. */
export const EXTEND_SECONDS = 120;
