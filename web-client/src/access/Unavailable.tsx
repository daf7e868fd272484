/**
 * What shows in place of an item the viewer may not (or may no longer) read: the server answers null
 * for a deleted item and for one that is not shared with them alike, so the sentence names both.
 */
import './access.css';

/** Renders the notice for the `kind` ("document", "dataset") with id `id`. */
export function Unavailable({ kind, id }: { kind: string; id: string }) {
  return (
    <section className="welcome unavailable" data-testid="unavailable" data-id={id}>
      <h1>Not available</h1>
      <p className="notice notice--warning" role="status">
        This {kind} is not available (it was deleted or is no longer shared with you).
      </p>
    </section>
  );
}
