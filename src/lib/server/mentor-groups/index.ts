export { createMentorGroup } from './commands';
export {
	groupCandidates,
	mentorGroupWorkspace,
	myMentorGroups,
	programMentorGroups,
	type MentorGroupSummary
} from './queries';
export { groupSheetPeople, requireMentorGroup } from './load';
export { loadMentorGroupRef, mentorGroupSheetKey } from './refs';
