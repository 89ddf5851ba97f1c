/** One notification as the bell shows it (from `/notifications/feed`). */
export interface NotificationItem {
	id: string;
	text: string;
	link: string;
	createdAt: string;
	read: boolean;
}
