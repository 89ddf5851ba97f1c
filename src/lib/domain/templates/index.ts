import { matchMentee } from './forms/match-mentee';
import { matchMentor } from './forms/match-mentor';
import { menteeIntake } from './forms/mentee-intake';
import { mentorSelfAssessment } from './forms/mentor-self-assessment';
import { programSelfEvaluation } from './forms/program-self-evaluation';
import { teacherNeeds } from './forms/teacher-needs';
import { agreement } from './sheets/01-agreement';
import { agreementWeeks } from './sheets/01b-agreement-weeks';
import { confidentiality } from './sheets/02-confidentiality';
import { mutualPresentation } from './sheets/03-mutual-presentation';
import { developmentPlan } from './sheets/04-development-plan';
import { closingConversation } from './sheets/mo-closing';
import { lessonObservation } from './sheets/lesson-observation';
import { lessonPreparation } from './sheets/lesson-preparation';
import { mentorLog, mentorLogPart2 } from './sheets/a-mentor-log';
import { menteeLog, menteeLogPart2 } from './sheets/b-mentee-log';
import { ps1 } from './sheets/ps1';
import { ps2 } from './sheets/ps2';
import { ps3 } from './sheets/ps3';
import { rolePlanning } from './sheets/role-planning';
import { s1 } from './sheets/s1';
import { s2 } from './sheets/s2';
import { s3 } from './sheets/s3';
import { s4 } from './sheets/s4';
import { statements20 } from './sheets/statements-20';
import { teacherRoles } from './sheets/teacher-roles';
import { v1 } from './sheets/v1';
import { v2 } from './sheets/v2';
import { v3 } from './sheets/v3';
import { fieldsOf, type Locale, type Phase, type Template } from './types';

export * from './types';
export * from './yjs-layout';
export * from './keys';
export * from './progress';
export { fillPlaceholders, type PlaceholderValues } from './placeholders';

/**
 * The pair sheets in the order of the path (TOOLKIT.md, BR → SD → P → WU; MO's closing
 * conversation). The beginning-teacher sheets (`003…`) sit in their phase: the self-assessment
 * against the ten roles with the other self-discovery sheets (SD), before the plan it feeds; the
 * co-prepared lesson and the lesson observation in the working phase (WU), after the plan.
 */
export const pairSheets: readonly Template[] = [
	agreement,
	agreementWeeks,
	confidentiality,
	mutualPresentation,
	rolePlanning,
	statements20,
	ps1,
	ps2,
	ps3,
	v1,
	teacherRoles,
	v2,
	v3,
	s1,
	s2,
	s3,
	s4,
	developmentPlan,
	lessonPreparation,
	lessonObservation,
	closingConversation
];

/** Logbooks: part 1 private to its author, part 2 the monitoring form; one per meeting. */
export const logbooks: readonly Template[] = [mentorLog, mentorLogPart2, menteeLog, menteeLogPart2];

/** Programme-level forms that are not pair sheets: matching, intake, needs, self-evaluation. */
export const programmeForms: readonly Template[] = [
	menteeIntake,
	mentorSelfAssessment,
	matchMentee,
	matchMentor,
	teacherNeeds,
	programSelfEvaluation
];

/**
 * The title of every pair sheet in one language, by template key: what a reader sees wherever a
 * sheet is named (monitoring charts, tables and CSV files), never the key itself.
 */
export function sheetTitles(locale: Locale): Record<string, string> {
	return Object.fromEntries(pairSheets.map((tpl) => [tpl.key, tpl.title[locale]]));
}

/** Every template in the product. */
export const templates: readonly Template[] = [...pairSheets, ...logbooks, ...programmeForms];

export const pairSheetKeys: readonly string[] = pairSheets.map((s) => s.key);

const byKey = new Map(templates.map((tpl) => [tpl.key, tpl]));

export function getTemplate(key: string): Template | undefined {
	return byKey.get(key);
}

export function phaseOf(key: string): Phase | undefined {
	return byKey.get(key)?.phase;
}

/** A field (or table column) whose content may be copied into the development plan. */
export interface PlanSource {
	readonly templateKey: string;
	readonly fieldKey: string;
	/** Set when the source is a column of a table field. */
	readonly columnKey?: string;
}

/** Everything earlier sheets mark "can be copied to the personal development plan". */
export function planSources(list: readonly Template[] = templates): PlanSource[] {
	return list.flatMap((tpl) =>
		fieldsOf(tpl).flatMap((f): PlanSource[] => {
			const own: PlanSource[] = f.copyToPlan ? [{ templateKey: tpl.key, fieldKey: f.key }] : [];
			const cols: PlanSource[] =
				f.kind === 'table'
					? f.columns
							.filter((c) => c.copyToPlan)
							.map((c) => ({ templateKey: tpl.key, fieldKey: f.key, columnKey: c.key }))
					: [];
			return [...own, ...cols];
		})
	);
}
export { answerLines, describeAnswers, type AnswerLine, type AnswerSection } from './answer-view';
