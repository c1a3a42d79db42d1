/** A complaint of a live batch about to be stored, as triage sees it (point WGS-84, time in epoch µs). */
export interface LiveProbe {
  complaint_id: string;
  received_us: bigint;
  category: string;
  lat: number | null;
  lon: number | null;
  h3: string | null;
  cell_id: string | null;
}

/** A stored complaint's route and its reason (SPEC §11). */
export interface LiveRoute {
  route: string;
  route_reason: string;
}
