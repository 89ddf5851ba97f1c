/**
 * Mentorpad's UI kit: import from '$lib/components/ui'. Colours, spacing and type come from
 * src/lib/styles/tokens.css; the gallery at /dev/ui shows every component in every state.
 */
export { default as Avatar } from './Avatar.svelte';
export { default as AvatarStack } from './AvatarStack.svelte';
export { default as Badge } from './Badge.svelte';
export { default as Button } from './Button.svelte';
export { default as Card } from './Card.svelte';
export { default as ConfirmDialog } from './ConfirmDialog.svelte';
export { default as EmptyState } from './EmptyState.svelte';
export { default as Field, type ControlAttrs } from './Field.svelte';
export { default as Menu, type MenuItem } from './Menu.svelte';
export { default as Popover } from './Popover.svelte';
export { default as ProgressBar } from './ProgressBar.svelte';
export { default as ProgressRing } from './ProgressRing.svelte';
export { default as TabLinks, type TabLink } from './TabLinks.svelte';
export { default as Tabs, type TabItem } from './Tabs.svelte';
export { default as ToastRegion } from './ToastRegion.svelte';
export { avatarTone, initials } from './avatar';
export { getToasts, setToasts, ToastStore, type Toast, type ToastTone } from './toast.svelte';
export type { Icon, Tone } from './types';
