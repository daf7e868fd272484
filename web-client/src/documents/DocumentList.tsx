/** The live list of documents the viewer may read, filterable by tag; private ones are marked. */
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { timeAgo } from '../app/format.js';
import { Link } from '../app/router.js';
import { useSignedIn } from '../auth/signedIn.js';
import { AllTagsQuery, DocumentListQuery } from '../operations/documents.js';
import '../access/access.css';

/** Renders the list; `activeId` is highlighted. */
export function DocumentList({ activeId }: { activeId: string | null }) {
  const [tag, setTag] = useState<string | null>(null);
  const [{ data, error }] = useQuery({ query: DocumentListQuery, variables: { tag } });
  const [{ data: tagData }] = useQuery({ query: AllTagsQuery });
  const signedIn = useSignedIn() !== null;

  const tags = useMemo(() => {
    const all = new Set<string>();
    for (const document of tagData?.documents ?? []) for (const name of document.tags) all.add(name);
    return [...all].sort();
  }, [tagData]);

  return (
    <nav className="list" aria-label="Documents">
      <div className="list__header">
        <h2>Documents</h2>
        {signedIn && (
          <Link href="/" className="button button--small">
            New
          </Link>
        )}
      </div>
      {tags.length > 0 && (
        <div className="tag-filter" role="group" aria-label="Filter by tag">
          <button type="button" className={`chip${tag === null ? ' chip--active' : ''}`} onClick={() => setTag(null)}>
            All
          </button>
          {tags.map((name) => (
            <button
              type="button"
              key={name}
              className={`chip${tag === name ? ' chip--active' : ''}`}
              aria-pressed={tag === name}
              onClick={() => setTag(tag === name ? null : name)}
            >
              {name}
            </button>
          ))}
        </div>
      )}
      {error && <p className="notice notice--error">Could not load documents: {error.message}</p>}
      <ul className="list__items" data-testid="document-list">
        {data?.documents.map((document) => (
          <li key={document.id}>
            <Link href={`/documents/${encodeURIComponent(document.id)}`} className={`list__item${document.id === activeId ? ' is-active' : ''}`}>
              <span className="list__title">{document.title}</span>
              <span className="list__meta">
                {document.visibility === 'PRIVATE' && (
                  <span className="list__marker" title={document.viewerRole === 'OWNER' ? 'Private: yours' : `Private: shared with you as ${document.viewerRole ?? 'READER'}`}>
                    {document.viewerRole === 'OWNER' ? 'private' : 'shared'}
                  </span>
                )}
                {document.tags.length > 0 && <span>{document.tags.join(' · ')}</span>}
                <span>{timeAgo(document.updatedAt)}</span>
              </span>
            </Link>
          </li>
        ))}
        {data && data.documents.length === 0 && <li className="list__empty">{tag ? `No document is tagged “${tag}”.` : 'No documents yet.'}</li>}
      </ul>
    </nav>
  );
}
