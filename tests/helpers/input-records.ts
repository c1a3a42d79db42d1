/** A complaint as tests ingest it (SPEC §1; the optional fields they do not need are left out). */
export interface ComplaintInput {
  complaint_id: string;
  received_at: string;
  city: string;
  category: string;
  technology: string;
  lat?: number;
  lon?: number;
}

/** A subscriber count as ingested (SPEC §1). */
export interface SubscriberInput {
  city: string;
  technology: string;
  month: string;
  subscribers: number;
}
