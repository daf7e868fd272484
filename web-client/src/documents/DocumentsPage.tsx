/** The documents page: the live list in the sidebar, the chosen document (or a welcome panel) beside it. */
import { useSignedIn } from '../auth/signedIn.js';
import { DocumentList } from './DocumentList.js';
import { DocumentView } from './DocumentView.js';
import { NewDocumentForm } from './NewDocumentForm.js';

/** Renders the list and `documentId`'s document; the form for a new one only to signed-in viewers (anonymous ones only read). */
export function DocumentsPage({ documentId }: { documentId: string | null }) {
  const signedIn = useSignedIn() !== null;
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
            {signedIn ? (
              <>
                <p>Pick a document on the left, or start a new one.</p>
                <NewDocumentForm />
              </>
            ) : (
              <p data-testid="sign-in-to-create">Pick a document on the left. Sign in (top right) to create and edit your own.</p>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
