/**
 * The peer's data: documents with ordered sections, datasets with rows, all in memory. Each write
 * returns the live-query resource identifiers it invalidates (`Type:id`, `Query.field(id:"…")`).
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
// The same record shapes as livedoc's store, so both servers answer the same schema contract.
import type {
  DatasetRecord as StoreDataset,
  DocumentRecord as StoreDocument,
  RowRecord,
  SectionRecord as StoreSection,
  SummaryRecord,
} from '../../../server/store/types.js';

/** The access fields of livedoc's records, which the peer (no viewers) does not have. */
type AccessFields = 'owner' | 'visibility';

/** A document; `sectionIds` keeps the order of its sections. */
export interface DocumentRecord extends Omit<StoreDocument, AccessFields> {
  sectionIds: string[];
}

/** A section of a document (its position is its index in `sectionIds`). */
export type SectionRecord = Omit<StoreSection, 'position'>;

/** A dataset; `rowIds` keeps insertion order. */
export interface DatasetRecord extends Omit<StoreDataset, AccessFields> {
  rowIds: string[];
}

export type { RowRecord, SummaryRecord };

/** A write's result and the identifiers it invalidates. */
export interface Written<T> {
  value: T;
  invalidates: string[];
}

function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} does not exist.`, { extensions: { code: 'NOT_FOUND' } });
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** The in-memory store of the peer server. */
export class MemoryStore {
  readonly documents = new Map<string, DocumentRecord>();
  readonly sections = new Map<string, SectionRecord>();
  readonly datasets = new Map<string, DatasetRecord>();
  readonly rows = new Map<string, RowRecord>();
  /** Creation order, newest last. */
  private readonly documentOrder: string[] = [];

  /** Newest first; with a tag, only documents carrying it. */
  listDocuments(tag?: string | null): DocumentRecord[] {
    const all = this.documentOrder.map((id) => this.documents.get(id)!).reverse();
    return tag == null ? all : all.filter((doc) => doc.tags.includes(tag));
  }

  sectionsOf(doc: DocumentRecord): SectionRecord[] {
    return doc.sectionIds.map((id) => this.sections.get(id)!);
  }

  rowsOf(dataset: DatasetRecord): RowRecord[] {
    return dataset.rowIds.map((id) => this.rows.get(id)!);
  }

  summaryOf(dataset: DatasetRecord): SummaryRecord {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const id of dataset.rowIds) {
      const value = this.rows.get(id)!.value;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const count = dataset.rowIds.length;
    return count === 0 ? { count, sum: 0, min: null, max: null, mean: null } : { count, sum, min, max, mean: sum / count };
  }

  private touch(doc: DocumentRecord): void {
    doc.revision += 1;
    doc.updatedAt = new Date().toISOString();
  }

  private document(id: string): DocumentRecord {
    const doc = this.documents.get(id);
    if (!doc) throw notFound('Document', id);
    return doc;
  }

  createDocument(fields: { title: string; body?: string | null; tags?: string[] | null }): Written<DocumentRecord> {
    const doc: DocumentRecord = {
      id: randomUUID(),
      title: fields.title,
      body: fields.body ?? '',
      tags: [...new Set(fields.tags ?? [])],
      revision: 1,
      updatedAt: new Date().toISOString(),
      sectionIds: [],
    };
    this.documents.set(doc.id, doc);
    this.documentOrder.push(doc.id);
    return { value: doc, invalidates: ['Query.documents', `Query.document(id:"${doc.id}")`] };
  }

  updateDocument(
    id: string,
    fields: { title?: string | null; body?: string | null; tags?: string[] | null },
    expectedRevision?: number | null,
  ): Written<DocumentRecord> {
    const doc = this.document(id);
    if (expectedRevision != null && expectedRevision !== doc.revision) {
      throw new GraphQLError(`Document ${id} is at revision ${doc.revision}, not ${expectedRevision}.`, {
        extensions: { code: 'CONFLICT' },
      });
    }
    if (fields.title != null) doc.title = fields.title;
    if (fields.body != null) doc.body = fields.body;
    const tagsChanged = fields.tags != null;
    if (fields.tags != null) doc.tags = [...new Set(fields.tags)];
    this.touch(doc);
    return { value: doc, invalidates: tagsChanged ? [`Document:${id}`, 'Query.documents'] : [`Document:${id}`] };
  }

  deleteDocument(id: string): Written<string> {
    const doc = this.document(id);
    for (const sectionId of doc.sectionIds) this.sections.delete(sectionId);
    this.documents.delete(id);
    this.documentOrder.splice(this.documentOrder.indexOf(id), 1);
    return { value: id, invalidates: [`Document:${id}`, 'Query.documents', `Query.document(id:"${id}")`] };
  }

  addSection(documentId: string, fields: { heading: string; body: string }, position?: number | null): Written<SectionRecord> {
    const doc = this.document(documentId);
    const section: SectionRecord = { id: randomUUID(), documentId, ...fields };
    this.sections.set(section.id, section);
    doc.sectionIds.splice(clamp(position ?? doc.sectionIds.length, 0, doc.sectionIds.length), 0, section.id);
    this.touch(doc);
    return { value: section, invalidates: [`Document:${documentId}`] };
  }

  updateSection(id: string, fields: { heading: string; body: string }): Written<SectionRecord> {
    const section = this.sections.get(id);
    if (!section) throw notFound('Section', id);
    Object.assign(section, fields);
    this.touch(this.document(section.documentId));
    return { value: section, invalidates: [`Section:${id}`, `Document:${section.documentId}`] };
  }

  moveSection(id: string, position: number): Written<DocumentRecord> {
    const section = this.sections.get(id);
    if (!section) throw notFound('Section', id);
    const doc = this.document(section.documentId);
    doc.sectionIds.splice(doc.sectionIds.indexOf(id), 1);
    doc.sectionIds.splice(clamp(position, 0, doc.sectionIds.length), 0, id);
    this.touch(doc);
    return { value: doc, invalidates: [`Document:${doc.id}`] };
  }

  removeSection(id: string): Written<string> {
    const section = this.sections.get(id);
    if (!section) throw notFound('Section', id);
    const doc = this.document(section.documentId);
    doc.sectionIds.splice(doc.sectionIds.indexOf(id), 1);
    this.sections.delete(id);
    this.touch(doc);
    return { value: id, invalidates: [`Section:${id}`, `Document:${doc.id}`] };
  }

  createDataset(name: string): Written<DatasetRecord> {
    const dataset: DatasetRecord = { id: randomUUID(), name, rowIds: [] };
    this.datasets.set(dataset.id, dataset);
    return { value: dataset, invalidates: ['Query.datasets', `Query.dataset(id:"${dataset.id}")`] };
  }

  upsertRows(datasetId: string, rows: readonly { id?: string | null; label: string; value: number }[]): Written<RowRecord[]> {
    const dataset = this.datasets.get(datasetId);
    if (!dataset) throw notFound('Dataset', datasetId);
    for (const row of rows) {
      if (row.id != null && this.rows.get(row.id)?.datasetId !== datasetId) throw notFound('Row', row.id);
    }
    const written = rows.map((row) => {
      const existing = row.id == null ? undefined : this.rows.get(row.id);
      if (existing) return Object.assign(existing, { label: row.label, value: row.value });
      const record: RowRecord = { id: randomUUID(), datasetId, label: row.label, value: row.value };
      this.rows.set(record.id, record);
      dataset.rowIds.push(record.id);
      return record;
    });
    return { value: written, invalidates: [`Dataset:${datasetId}`] };
  }

  setRowValue(id: string, value: number): Written<RowRecord> {
    const row = this.rows.get(id);
    if (!row) throw notFound('Row', id);
    row.value = value;
    return { value: row, invalidates: [`Row:${id}`, `Dataset:${row.datasetId}`] };
  }

  deleteRows(ids: readonly string[]): Written<number> {
    const datasets = new Set<string>();
    let deleted = 0;
    for (const id of new Set(ids)) {
      const row = this.rows.get(id);
      if (!row) continue;
      const dataset = this.datasets.get(row.datasetId)!;
      dataset.rowIds.splice(dataset.rowIds.indexOf(id), 1);
      this.rows.delete(id);
      datasets.add(row.datasetId);
      deleted++;
    }
    return { value: deleted, invalidates: [...datasets].map((id) => `Dataset:${id}`) };
  }
}
