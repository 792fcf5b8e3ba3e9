import { useEffect, useRef, useState } from "react";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A form over a loaded value: follows the value while the user has not edited it, and
 * keeps unsaved edits when the workspace changes underneath.
 */
export function useEditedForm<Form>(loaded: Form | null) {
  const [form, setForm] = useState<Form | null>(loaded);
  const [base, setBase] = useState<Form | null>(loaded);
  const current = useRef({ form, base });
  current.current = { form, base };

  useEffect(() => {
    if (loaded === null) return;
    const { form: editing, base: before } = current.current;
    if (editing === null || same(editing, before)) setForm(loaded);
    setBase(loaded);
  }, [JSON.stringify(loaded)]); // eslint-disable-line react-hooks/exhaustive-deps

  const dirty = form !== null && !same(form, base);
  return { form, setForm, dirty, revert: () => setForm(base) };
}
