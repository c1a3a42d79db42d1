-- The live path (POST /v1/complaints) finds the stored versions of a batch's ids through this
-- index instead of scanning every complaint. A plain (non-unique) ART index: ingest keeps ids
-- unique itself, and a PRIMARY KEY makes a file that replaces stored ids (delete, then insert
-- of the same keys in one transaction) many times slower. Measured figures in the README.
CREATE INDEX IF NOT EXISTS complaints_complaint_id ON complaints (complaint_id);
