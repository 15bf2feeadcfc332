/** Row types of the health capability (src/health): platform-wide gates (429 throttles, invalid_client alarms) and notifications. */
export interface HealthTables {
  /** 429 from a platform: no call to it before `not_before`, shared by every instance. */
  platform_throttle: {
    platform: string;
    not_before: number;
    updated_at: number;
  };
  /** invalid_client from a platform for one client id: one alarm, refreshes paused, probed now and then. */
  platform_alarms: {
    platform: string;
    client_id: string;
    reason: string;
    opened_at: number;
    next_probe_at: number;
  };
  /** Operator notifications: one per incident and one per recovery. */
  notifications: {
    id: string;
    account_id: string | null;
    integration_id: string | null;
    platform: string | null;
    kind: string;
    reason: string | null;
    created_at: number;
  };
}
