import type { LucideIcon } from '@lucide/svelte';

/** An icon component from `@lucide/svelte/icons/<name>` (import each icon by its own path). */
export type Icon = LucideIcon;

/** The status colours shared by Badge, Toast, ProgressBar and friends. */
export type Tone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger' | 'info';
