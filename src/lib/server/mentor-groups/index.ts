export { createMentorGroup } from './commands';
export {
	groupCandidates,
	mentorGroupWorkspace,
	myMentorGroups,
	programMentorGroups,
	type MentorGroupSummary
} from './queries';
export { groupSheetPeople, requireMentorGroup } from './load';
export { myGroupLogSubmissions, submitGroupLogPart2 } from './logbook';
export { loadMentorGroupRef, mentorGroupSheetKey } from './refs';
