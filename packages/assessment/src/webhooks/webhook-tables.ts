import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

type BigintColumn = ColumnType<string, number | string, number | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const webhookKinds = ['case_opened', 'case_due_soon', 'case_overdue'] as const;
export type WebhookKind = (typeof webhookKinds)[number];
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** Tables of migration 0010. */
export type WebhookTables = {
  webhooks: {
    hall_id: string;
    webhook_id: string;
    url: string;
    kinds: ColumnType<string[], string[], string[]>;
    secret: string;
    from_position: BigintColumn;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  webhook_cursors: { hall_id: string; position: BigintColumn };
  webhook_deliveries: {
    hall_id: string;
    delivery_id: string;
    webhook_id: string;
    event_id: string;
    position: BigintColumn;
    kind: WebhookKind;
    payload: string;
    status: DeliveryStatus;
    attempts: Generated<number>;
    round: Generated<number>;
    round_attempts: Generated<number>;
    last_error: string | null;
    response_code: number | null;
    next_attempt_at: Timestamp;
    lease_until: ColumnType<Date | null, Date | string | null, Date | string | null>;
    created_at: Timestamp;
    delivered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  };
};

export type WebhookDb = Kysely<Database & WebhookTables>;

export function webhookDb(db: Kysely<Database>): WebhookDb {
  return db.withTables<WebhookTables>();
}
