/** The complaint work order's fields (SPEC §1), in the order files and the generator write them. */
export const COMPLAINT_FIELDS = [
  'complaint_id',
  'received_at',
  'city',
  'category',
  'technology',
  'lat',
  'lon',
  'cell_id',
  'replied_at',
  'resolved_at',
  'resolution',
  'satisfied',
] as const;
export type ComplaintField = (typeof COMPLAINT_FIELDS)[number];
