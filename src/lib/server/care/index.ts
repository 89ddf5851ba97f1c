export { answerCheckin, checkinScan, getCheckin, listMyCheckins, type Checkin } from './checkins';
export { listConcerns, raiseConcern, setConcernStatus, type Concern } from './concerns';
export {
	deleteSupportMeeting,
	listSupportMeetings,
	recordSupportMeeting,
	type SupportMeeting
} from './support-meetings';
export { loadCheckinSummary } from './summary';
