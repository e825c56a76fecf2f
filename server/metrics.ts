/** Process-wide counters, exposed by /healthz and /metrics. */
export interface Metrics {
  roomsLoaded: number;
  connections: number;
  connectionsTotal: number;
  updatesAccepted: number;
  updatesRefused: number;
  messagesIn: number;
  bytesIn: number;
  messagesOut: number;
  bytesOut: number;
  persistBatches: number;
  compactions: number;
}

export const createMetrics = (): Metrics => ({
  roomsLoaded: 0,
  connections: 0,
  connectionsTotal: 0,
  updatesAccepted: 0,
  updatesRefused: 0,
  messagesIn: 0,
  bytesIn: 0,
  messagesOut: 0,
  bytesOut: 0,
  persistBatches: 0,
  compactions: 0,
});
