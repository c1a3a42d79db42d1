import { Database } from './store/database.js';
import { ingest } from './ingest/ingest.js';
import { rmSync } from 'node:fs';
rmSync('/tmp/ct/t.duckdb', { force: true });
const db = await Database.open('/tmp/ct/t.duckdb');
console.log(await ingest(db, { kind: 'complaints', source: { path: '/tmp/ct/c.csv', format: 'csv' }, withOutcomes: true }));
console.log(await db.all('select * from complaints'));
console.log(await db.all('select * from rejected_rows'));
console.log(await ingest(db, { kind: 'complaints', source: { records: [{complaint_id:'C9', received_at:'2026-10-01T00:00:00', city:'X', category:'other', technology:'nr', lat: 45, lon: 126}, 'x'], name: 'api' }, withOutcomes: true }));
try { await ingest(db, { kind: 'subscribers', source: { path: '/tmp/ct/c.csv', format: 'csv' } }); } catch (e) { console.log('REFUSED', (e as Error).message); }
await db.close();
