/** A message beside the field it is about; `id` lets the field point at it (aria-describedby). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-testid={id} role="alert">
      {message}
    </p>
  );
}
