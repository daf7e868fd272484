/**
 * The live list of documents the viewer may read, a page of {@link PAGE_SIZE} at a time (a window on
 * the server: older pages through its end cursor), filterable by tag; private ones are marked.
 */
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { timeAgo } from '../app/format.js';
import { Link } from '../app/router.js';
import { useSignedIn } from '../auth/signedIn.js';
import { AllTagsQuery, DocumentListQuery } from '../operations/documents.js';
import '../access/access.css';

/** Documents per page. */
const PAGE_SIZE = 20;

/** Renders the list; `activeId` is highlighted. */
export function DocumentList({ activeId }: { activeId: string | null }) {
  const [tag, setTag] = useState<string | null>(null);
  // The `after` of each page from the first to the one shown (Newer goes back one).
  const [pages, setPages] = useState<readonly (string | null)[]>([null]);
  const after = pages[pages.length - 1] ?? null;
  const [{ data, error }] = useQuery({ query: DocumentListQuery, variables: { tag, first: PAGE_SIZE, after } });
  const [{ data: tagData }] = useQuery({ query: AllTagsQuery });
  const signedIn = useSignedIn() !== null;
  const chooseTag = (next: string | null) => {
    setTag(next);
    setPages([null]);
  };

  const tags = useMemo(() => {
    const all = new Set<string>();
    for (const document of tagData?.documents.nodes ?? []) for (const name of document.tags) all.add(name);
    return [...all].sort();
  }, [tagData]);
  const list = data?.documents;

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
          <button type="button" className={`chip${tag === null ? ' chip--active' : ''}`} onClick={() => chooseTag(null)}>
            All
          </button>
          {tags.map((name) => (
            <button
              type="button"
              key={name}
              className={`chip${tag === name ? ' chip--active' : ''}`}
              aria-pressed={tag === name}
              onClick={() => chooseTag(tag === name ? null : name)}
            >
              {name}
            </button>
          ))}
        </div>
      )}
      {error && <p className="notice notice--error">Could not load documents: {error.message}</p>}
      <ul className="list__items" data-testid="document-list">
        {list?.nodes.map((document) => (
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
        {list && list.nodes.length === 0 && <li className="list__empty">{tag ? `No document is tagged “${tag}”.` : 'No documents yet.'}</li>}
      </ul>
      {list && (pages.length > 1 || list.pageInfo.hasNextPage) && (
        <div className="pager" data-testid="document-pager">
          <button type="button" className="button button--small" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
            Newer
          </button>
          <span className="muted">
            {(pages.length - 1) * PAGE_SIZE + 1}–{(pages.length - 1) * PAGE_SIZE + list.nodes.length} of {list.totalCount}
          </span>
          <button
            type="button"
            className="button button--small"
            disabled={!list.pageInfo.hasNextPage}
            onClick={() => setPages([...pages, list.pageInfo.endCursor])}
          >
            Older
          </button>
        </div>
      )}
    </nav>
  );
}
