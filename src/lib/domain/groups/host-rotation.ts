/**
 * The rotating host school of a learning community's meetings on location (seed 004: "bij
 * toerbeurt in een van de scholen"). Pure, so the form's proposal and the group page's overview
 * count the same way and unit tests can pin the order down.
 *
 * Every face-to-face meeting with a host counts as that school's turn, planned ones included: once
 * a meeting at school X is planned, X has had its turn and the next proposal moves on.
 */

export interface HostSchool {
	id: string;
	name: string;
}

export interface HostedMeeting {
	hostSchoolId: string | null;
	/** ISO timestamp */
	startsAt: string;
}

export interface HostTurn extends HostSchool {
	/** How many meetings this school hosted (or hosts, when planned). */
	hosted: number;
	/** ISO timestamp of its latest meeting as host; null when it never hosted. */
	lastHostedAt: string | null;
}

const byName = (a: HostSchool, b: HostSchool) =>
	a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' }) || a.id.localeCompare(b.id);

/**
 * Each of the group's schools with how often it hosted and when last, in the order of the turn:
 * never hosted first (by name), then the one that hosted least recently. The first is next.
 * Meetings hosted by a school that is no longer in the group are ignored.
 */
export function hostRotation(
	schools: readonly HostSchool[],
	meetings: readonly HostedMeeting[]
): HostTurn[] {
	const turns = new Map<string, HostTurn>(
		schools.map((s) => [s.id, { id: s.id, name: s.name, hosted: 0, lastHostedAt: null }])
	);
	for (const meeting of meetings) {
		const turn = meeting.hostSchoolId ? turns.get(meeting.hostSchoolId) : undefined;
		if (!turn) {
			continue;
		}
		turn.hosted += 1;
		if (
			turn.lastHostedAt === null ||
			Date.parse(meeting.startsAt) > Date.parse(turn.lastHostedAt)
		) {
			turn.lastHostedAt = meeting.startsAt;
		}
	}
	return [...turns.values()].sort((a, b) => {
		if (a.lastHostedAt === null || b.lastHostedAt === null) {
			if (a.lastHostedAt !== b.lastHostedAt) {
				return a.lastHostedAt === null ? -1 : 1;
			}
			return byName(a, b);
		}
		return Date.parse(a.lastHostedAt) - Date.parse(b.lastHostedAt) || byName(a, b);
	});
}

/** The school whose turn it is to host the next meeting on location; null without schools. */
export function nextHost(
	schools: readonly HostSchool[],
	meetings: readonly HostedMeeting[]
): HostSchool | null {
	const first = hostRotation(schools, meetings)[0];
	return first ? { id: first.id, name: first.name } : null;
}
