import { z } from 'zod';
import { isValidCell } from 'h3-js';
import { CATEGORIES, TECHNOLOGIES } from './vocabulary.js';

export { CATEGORIES, TECHNOLOGIES };

/** Complaint categories of SPEC §1. */
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** Categories that count as coverage complaints (SPEC §5). */
export const COVERAGE_CATEGORIES: readonly Category[] = ['weak_coverage', 'no_signal', 'no_service'];

export const Technology = z.enum(TECHNOLOGIES);
export type Technology = z.infer<typeof Technology>;

export const RESOLUTIONS = ['fault_repair', 'optimisation', 'construction', 'explained', 'unresolved'] as const;
export const ResolutionKind = z.enum(RESOLUTIONS);
export type ResolutionKind = z.infer<typeof ResolutionKind>;

export const SITE_STATUSES = ['active', 'fault', 'planned', 'no_investment'] as const;
export const SiteStatus = z.enum(SITE_STATUSES);
export type SiteStatus = z.infer<typeof SiteStatus>;

export const EVENT_KINDS = ['outage', 'maintenance', 'planned_construction', 'no_investment'] as const;
export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

export const INPUT_KINDS = ['complaints', 'sites', 'subscribers', 'events'] as const;
export const InputKind = z.enum(INPUT_KINDS);
export type InputKind = z.infer<typeof InputKind>;

/** H3 resolution 0..15; the database fixes one at creation. */
export const H3Resolution = z.coerce.number().int().min(0).max(15);

/** H3 indexes travel as their 15-character hex strings (one BigInt policy). */
export const H3Cell = z
  .string()
  .regex(/^[0-9a-f]{15}$/i, 'an H3 index is 15 hex characters')
  .refine((h) => isValidCell(h), 'not a valid H3 cell index')
  .transform((h) => h.toLowerCase());

export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);
