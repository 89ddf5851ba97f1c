export { createMentorGroup } from './commands';
export {
	groupCandidates,
	mentorGroupWorkspace,
	myMentorGroups,
	programMentorGroups,
	type MentorGroupSummary
} from './queries';
export { loadMentorGroupRef, mentorGroupSheetKey } from './refs';
