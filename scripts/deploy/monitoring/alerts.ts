import { JOB, metrics } from './metrics.ts';

/** One alert rule; `runbook` is the heading of its section in docs/operations.md. */
export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'critical' | 'warning' };
  annotations: { summary: string; description: string; runbook_url: string };
}

/** Where the runbook of an alert lives (a section of docs/operations.md, anchored by the alert's name). */
export function runbookUrl(alert: string): string {
  return `docs/operations.md#${alert.toLowerCase()}`;
}

const rule = (alert: string, severity: 'critical' | 'warning', expr: string, duration: string, summary: string, description: string): AlertRule => ({
  alert,
  expr,
  for: duration,
  labels: { severity },
  annotations: { summary, description, runbook_url: runbookUrl(alert) },
});

/** The alert rules: service down, error rate, p99 latency, outbox lag, dead letters, replica lag. */
export function alertRules(): AlertRule[] {
  const rate = (metric: string) => `sum by (service) (rate(${metric}{job="${JOB}"}[5m]))`;
  return [
    rule('MercatoServiceDown', 'critical', `sum by (service) (up{job="${JOB}"}) == 0`, '2m', '{{ $labels.service }} is down', 'No replica of {{ $labels.service }} has answered a scrape for 2 minutes.'),
    rule(
      'MercatoReplicaDown',
      'warning',
      `up{job="${JOB}"} == 0`,
      '5m',
      'A replica of {{ $labels.service }} is down',
      '{{ $labels.instance }} has not answered a scrape for 5 minutes; the others carry its load.',
    ),
    rule(
      'MercatoHighErrorRate',
      'critical',
      `(${rate(metrics.errors)} / ${rate(metrics.requests)}) > 0.05 and ${rate(metrics.requests)} > 0.1`,
      '5m',
      '{{ $labels.service }} answers more than 5% of requests with a 5xx',
      '{{ $value | humanizePercentage }} of the requests to {{ $labels.service }} failed over the last 5 minutes.',
    ),
    rule(
      'MercatoHighLatencyP99',
      'warning',
      `histogram_quantile(0.99, sum by (service, le) (rate(${metrics.duration}_bucket{job="${JOB}"}[5m]))) > 1`,
      '10m',
      '{{ $labels.service }} p99 latency above 1 s',
      'The 99th percentile of request durations on {{ $labels.service }} is {{ $value | humanizeDuration }}.',
    ),
    rule(
      'MercatoOutboxLag',
      'critical',
      `max by (service) (${metrics.outboxOldest}{job="${JOB}"}) > 60`,
      '5m',
      '{{ $labels.service }} is not publishing its events',
      'The oldest unpublished event of {{ $labels.service }} is {{ $value | humanizeDuration }} old: its relay is stuck or the broker is unreachable.',
    ),
    rule(
      'MercatoDeadLetters',
      'warning',
      `max by (service) (${metrics.deadLetters}{job="${JOB}"}) > 0`,
      '1m',
      '{{ $labels.service }} has dead-lettered events',
      '{{ $value }} events could not be applied by {{ $labels.service }} and wait in its dead-letter queue.',
    ),
    rule(
      'MercatoReadReplicaLagging',
      'warning',
      `max by (service) (${metrics.replicaLag}{job="${JOB}"}) > 5`,
      '10m',
      'The read replica of {{ $labels.service }} lags',
      'The replica is {{ $value | humanizeDuration }} behind: reads have moved to the primary.',
    ),
  ];
}

/** The rules file Prometheus loads. */
export function alertRulesFile(): object {
  return { groups: [{ name: 'mercato', rules: alertRules() }] };
}
