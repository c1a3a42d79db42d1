import type { FastifyBaseLogger } from 'fastify';
import type { Incident } from '../../domain/incident.js';
import type { AlertEvent } from './alert-bus.js';
import { postWithDeadline } from './post-with-deadline.js';

export interface AlertmanagerOptions {
  /** Alertmanager's base URL, e.g. http://127.0.0.1:9093. */
  url: string;
  /** The incident's API URL (generatorURL). */
  incidentUrl: (id: string) => string;
  /** Firing alerts are re-sent this often: Alertmanager resolves alerts not re-sent within its resolve_timeout. */
  resendMs: number;
  timeoutMs: number;
  logger: FastifyBaseLogger;
}

/** One alert of Alertmanager's `POST /api/v2/alerts`. */
interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL: string;
}

/**
 * Mirrors incidents into Prometheus Alertmanager (SPEC §10): an open, unresolved incident fires
 * and is re-sent every `resendMs`; once closed or resolved it is sent once more with `endsAt`
 * (again on the next round if that post failed). Alertmanager is level-triggered, so re-sending
 * the current state is what makes this survive its restarts and ours.
 */
export class AlertmanagerNotifier {
  private readonly firing = new Map<string, Incident>();
  private ending = new Map<string, PostableAlert>();
  private readonly timer: NodeJS.Timeout;
  private readonly controller = new AbortController();

  constructor(
    private readonly options: AlertmanagerOptions,
    open: readonly Incident[],
  ) {
    for (const incident of open) if (fires(incident)) this.firing.set(incident.incident_id, incident);
    this.timer = setInterval(() => void this.resend(), options.resendMs);
    void this.resend();
  }

  /** Follows one event of the log. */
  onEvent(event: AlertEvent): void {
    // Scan signals (signal.detected) are not incidents: Alertmanager mirrors incidents only.
    if (event.type === 'signal.detected') return;
    const { incident } = event;
    if (fires(incident) && event.type !== 'incident.closed' && event.type !== 'incident.resolved') {
      this.firing.set(incident.incident_id, incident);
      void this.post([this.alertOf(incident)]);
      return;
    }
    this.firing.delete(incident.incident_id);
    const ended = { ...this.alertOf(incident), endsAt: new Date().toISOString() };
    this.ending.set(incident.incident_id, ended);
    void this.post([ended]).then((ok) => ok && this.ending.delete(incident.incident_id));
  }

  close(): void {
    clearInterval(this.timer);
    this.controller.abort();
  }

  private async resend(): Promise<void> {
    const ending = this.ending;
    const alerts = [...[...this.firing.values()].map((i) => this.alertOf(i)), ...ending.values()];
    if (alerts.length === 0) return;
    if (await this.post(alerts)) for (const id of ending.keys()) this.ending.delete(id);
  }

  private alertOf(incident: Incident): PostableAlert {
    const { incident_id, category, city, complaint_count, peak_count, start, end, handling } = incident;
    return {
      labels: { alertname: 'MajorComplaintCluster', incident_id, category, city, severity: 'critical' },
      annotations: {
        summary: `${complaint_count} ${category} complaints in ${city} (major complaint cluster)`,
        description:
          `${complaint_count} ${category} complaints in ${city} between ${start} and ${end}, ` +
          `at most ${peak_count} within one hour; cells ${incident.cell_ids.join(', ') || 'none known'}; ` +
          `handling ${handling.state}${handling.acknowledged_by ? ` (${handling.acknowledged_by})` : ''}`,
      },
      startsAt: start,
      generatorURL: this.options.incidentUrl(incident_id),
    };
  }

  private async post(alerts: PostableAlert[]): Promise<boolean> {
    try {
      const status = await postWithDeadline(`${this.options.url.replace(/\/+$/, '')}/api/v2/alerts`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
        timeoutMs: this.options.timeoutMs,
        signal: this.controller.signal,
      });
      const ok = status >= 200 && status < 300;
      if (!ok) this.options.logger.warn({ status }, 'Alertmanager refused alerts');
      return ok;
    } catch (error) {
      if (!this.controller.signal.aborted) this.options.logger.warn({ err: error }, 'Alertmanager unreachable');
      return false;
    }
  }
}

function fires(incident: Incident): boolean {
  return incident.status === 'open' && incident.handling.state !== 'resolved';
}
