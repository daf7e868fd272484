/** The documents page: the live list in the sidebar, the chosen document (or a welcome panel) beside it. */
import { DocumentList } from './DocumentList.js';
import { DocumentView } from './DocumentView.js';
import { NewDocumentForm } from './NewDocumentForm.js';

/** Renders the list and `documentId`'s document. */
export function DocumentsPage({ documentId }: { documentId: string | null }) {
  return (
    <div className="page">
      <aside className="sidebar">
        <DocumentList activeId={documentId} />
      </aside>
      <main className="content">
        {documentId ? (
          <DocumentView key={documentId} id={documentId} />
        ) : (
          <section className="welcome">
            <h1>Documents, live</h1>
            <p className="lead">
              Every list and page here is a GraphQL <code>@live</code> query: when anyone changes a document, the
              change appears in every open window within a moment, without reloading.
            </p>
            <p>Pick a document on the left, or start a new one.</p>
            <NewDocumentForm />
          </section>
        )}
      </main>
    </div>
  );
}
