/** The heading and text inputs of a section, shared by the add and edit forms. */

/** Props of {@link SectionFields}: controlled values and their setters. */
export interface SectionFieldsProps {
  heading: string;
  body: string;
  onHeading: (value: string) => void;
  onBody: (value: string) => void;
  rows: number;
}

/** Heading (1–500 characters, required) and text inputs. */
export function SectionFields({ heading, body, onHeading, onBody, rows }: SectionFieldsProps) {
  return (
    <>
      <label>
        Heading
        <input value={heading} onChange={(event) => onHeading(event.target.value)} maxLength={500} required autoFocus />
      </label>
      <label>
        Text
        <textarea value={body} onChange={(event) => onBody(event.target.value)} rows={rows} />
      </label>
    </>
  );
}
