/** The metric names the alert rules use, as the kit exports them (a test checks each against the kit's sources). */
export const metrics = {
  requests: 'http_requests_total',
  errors: 'http_request_errors_total',
  duration: 'http_request_duration_seconds',
  outboxOldest: 'outbox_oldest_pending_seconds',
  outboxPending: 'outbox_pending_events',
  deadLetters: 'event_dead_letters',
  replicaLag: 'db_replica_lag_seconds',
} as const;

/** The scrape jobs' name: alert expressions select on it. */
export const JOB = 'mercato';
