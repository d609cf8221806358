import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pageAfter, type Page } from './paging';
import { RecordStore } from './recordStore';
import type { BatchFault, BatchObject } from './types';

/** A batch as the emulator keeps it: the API object plus what only the emulator knows. */
export interface BatchRecord {
  batch: BatchObject;
  /** Creation time in ms (`created_at` is whole seconds): the completion window is measured from it. */
  createdAtMs: number;
  /** A fault queued by a test or the CLI when the batch was created. */
  fault?: BatchFault;
  /** `output_expires_after.seconds` of the create request: the output and error files' lifetime. */
  outputLifetimeSeconds?: number;
  /** The API the batch was created through; absent: OpenAI's `/v1/batches`. Each API sees only its own. */
  api?: 'anthropic' | 'gemini';
}

/** Batches by id (persisted under `<dataDir>/batches` when given); every change is announced with a copy. */
export class BatchStore {
  private readonly changes = new EventEmitter();

  private constructor(private readonly records: RecordStore<BatchRecord>) {}

  static async open(dataDir: string | undefined): Promise<BatchStore> {
    return new BatchStore(await RecordStore.open<BatchRecord>(dataDir ? path.join(dataDir, 'batches') : undefined));
  }

  /** The batch `id` if it was created through `api` (undefined: OpenAI's). */
  get(id: string, api?: BatchRecord['api']): BatchRecord | undefined {
    const record = this.records.get(id);
    return record?.api === api ? record : undefined;
  }

  all(): BatchRecord[] {
    return [...this.records.values()];
  }

  /** Newest first (ids sort by creation), `after` being the id the previous page ended with. */
  list(after: string | undefined, limit: number, api?: BatchRecord['api']): Page<BatchObject> {
    const batches = this.all()
      .filter((record) => record.api === api)
      .map((record) => record.batch);
    batches.sort((a, b) => (a.id < b.id ? 1 : -1));
    return pageAfter(batches, after, limit);
  }

  add(record: BatchRecord): Promise<void> {
    return this.update(record, {});
  }

  /** Applies `changes` to the stored batch, saves it and tells listeners. */
  update(record: BatchRecord, changes: Partial<BatchObject>): Promise<void> {
    Object.assign(record.batch, changes);
    this.changes.emit('change', structuredClone(record.batch));
    return this.records.save(record.batch.id, record);
  }

  onChange(listener: (batch: BatchObject) => void): { dispose(): void } {
    this.changes.on('change', listener);
    return { dispose: () => this.changes.off('change', listener) };
  }

  flush(): Promise<void> {
    return this.records.flush();
  }
}
