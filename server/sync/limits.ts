/** What one room accepts before it refuses or lets a client go. */
export interface RoomLimits {
  maxMessageBytes: number;
  maxBoardBytes: number;
  /** A client that falls this far behind is disconnected rather than buffered without bound. */
  maxBufferedBytes: number;
  /** Refused updates tolerated per connection before it is closed. */
  maxRefusals: number;
  /** Compact the stored log after this many appended updates. */
  compactEvery: number;
  /** Largest awareness state accepted from one client, in bytes of JSON. */
  maxAwarenessBytes: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  maxMessageBytes: 1024 * 1024,
  maxBoardBytes: 32 * 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxRefusals: 100,
  compactEvery: 1000,
  maxAwarenessBytes: 8 * 1024,
};
