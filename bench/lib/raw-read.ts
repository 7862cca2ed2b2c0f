import type pg from 'pg';

/**
 * The benches' baseline read: every row of the halls with plain pg (a named
 * prepared keyset SELECT of the stored columns, pg's own parsing: json
 * parsed, timestamptz as Date), pages of `batch`, in position order; no store
 * code. Returns the number of rows read.
 */
export async function rawOrderedRead(pool: pg.Pool, hallIds: readonly string[], batch: number): Promise<number> {
  const client = await pool.connect();
  let rows = 0;
  try {
    for (const hallId of hallIds) {
      for (let after = 0; ; ) {
        const result = await client.query<{ position: string }>({
          name: 'bench_raw_read',
          text: `select position, event_id, type, occurred_at_text, recorded_at, client_id, schema_version, data, personal_ref, hash, prev_hash
                 from events where hall_id = $1 and position > $2 order by position limit $3`,
          values: [hallId, after, batch],
        });
        rows += result.rows.length;
        if (result.rows.length < batch) break;
        after = Number(result.rows[result.rows.length - 1]!.position);
      }
    }
  } finally {
    client.release();
  }
  return rows;
}

