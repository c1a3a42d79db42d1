import { createHmac } from 'node:crypto';
import type { AlertEvent } from './alert-bus.js';

/** A webhook post ready to send: its body and headers except the signature's time-dependent part. */
export interface WebhookMessage {
  /** The CloudEvents id, also the `webhook-id`: stable across retries. */
  id: string;
  body: string;
}

/**
 * The CloudEvents 1.0 structured JSON body of an event (SPEC §10): `type`
 * `cellpulse.incident.*`, `subject` the incident id, `data` the incident.
 * `logId` names the database's log, so ids stay unique when a database is rebuilt.
 */
export function cloudEventOf(event: AlertEvent, source: string, logId: string): WebhookMessage {
  const id = `${logId}-${event.seq}`;
  const body = JSON.stringify({
    specversion: '1.0',
    id,
    source,
    type: `cellpulse.${event.type}`,
    subject: event.incident_id,
    time: event.at,
    datacontenttype: 'application/json',
    data: event.incident,
  });
  return { id, body };
}

/** The HMAC key of a Standard Webhooks secret: base64 after a `whsec_` prefix, else the secret's bytes. */
export function webhookKey(secret: string): Buffer {
  const prefix = 'whsec_';
  return secret.startsWith(prefix) ? Buffer.from(secret.slice(prefix.length), 'base64') : Buffer.from(secret, 'utf8');
}

/** Headers of one attempt, signed as Standard Webhooks do: `v1,` base64 HMAC-SHA256 of `id.timestamp.body`. */
export function signedHeaders(message: WebhookMessage, key: Buffer | undefined, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/cloudevents+json',
    'user-agent': 'cellpulse-webhook',
    'webhook-id': message.id,
    'webhook-timestamp': timestamp,
  };
  if (key !== undefined) {
    const mac = createHmac('sha256', key).update(`${message.id}.${timestamp}.${message.body}`).digest('base64');
    headers['webhook-signature'] = `v1,${mac}`;
  }
  return headers;
}
