import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { copyChainLinks } from './copy-chain.ts';
import { chainRowEvent, chainRowHashMatches, streamChainRows } from './read-chain.ts';
import { copySourceOf } from './copy-source.ts';
import type { StoredEvent } from './stored-event.ts';

/**
 * One stored event as a chain walk judges it. `intact` says the row agrees
 * with itself: its hash is SHA-256 of its own `prevHash` and its canonical
 * content. A walk then only has to check the links: each `prevHash` is the
 * hash before it and positions run 1, 2, 3, … (0307).
 */
export interface ChainLink {
  position: number;
  type: string;
  hash: string;
  prevHash: string;
  intact: boolean;
  /** The whole event, only for rows `wanted` asked for. */
  event?: StoredEvent;
}

export interface ChainLinkOptions {
  /** Last position to read (inclusive): a snapshot, e.g. the head read before the walk. */
  through: number;
  /** Rows per page of the row reader (default 5000). */
  batchSize?: number;
  /** Rows whose whole event the walk needs (checkpointed positions, publications). */
  wanted?: (position: number, type: string) => boolean;
}

/**
 * A hall's history from position 1 through `through`, as checked links in
 * position order, in batches. On a PostgreSQL store's own handle the rows
 * come as one `COPY … TO STDOUT` stream and are checked on its bytes without
 * building a string per field (copy-chain.ts); anywhere else (PGlite, inside
 * a transaction) through {@link streamChainRows}. Both give the same links.
 * Stopping early (`break`) ends the read.
 */
export function streamChainLinks(db: Kysely<Database>, hallId: string, opts: ChainLinkOptions): AsyncIterable<ChainLink[]> {
  const source = copySourceOf(db);
  if (source !== undefined) return copyChainLinks(source, hallId, opts);
  return linksFromRows(db, hallId, opts);
}

async function* linksFromRows(db: Kysely<Database>, hallId: string, opts: ChainLinkOptions): AsyncIterable<ChainLink[]> {
  for await (const rows of streamChainRows(db, hallId, { through: opts.through, batchSize: opts.batchSize })) {
    const links = new Array<ChainLink>(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      const position = Number(row[0]);
      const link: ChainLink = { position, type: row[2], hash: row[9], prevHash: row[10], intact: chainRowHashMatches(row[10], hallId, row) };
      if (opts.wanted?.(position, row[2])) link.event = chainRowEvent(row);
      links[i] = link;
    }
    yield links;
  }
}
