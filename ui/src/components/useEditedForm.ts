import { useEffect, useRef, useState } from "react";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A form over a loaded value: follows the value while the user has not edited it, and
 * keeps unsaved edits when the workspace changes underneath, saying so when the value
 * itself changed (`changedElsewhere`; `revert` reloads it).
 */
export function useEditedForm<Form>(loaded: Form | null) {
  const [form, setForm] = useState<Form | null>(loaded);
  const [base, setBase] = useState<Form | null>(loaded);
  const current = useRef({ form, base });
  current.current = { form, base };

  // Saved elsewhere (the CLI, an agent) while edited here: the edits stay, and the form says so.
  const [changedElsewhere, setChangedElsewhere] = useState(false);

  useEffect(() => {
    if (loaded === null) return;
    const { form: editing, base: before } = current.current;
    if (editing === null || same(editing, before)) {
      setForm(loaded);
      setChangedElsewhere(false);
    } else if (before !== null && !same(before, loaded) && !same(editing, loaded)) {
      setChangedElsewhere(true);
    }
    setBase(loaded);
  }, [JSON.stringify(loaded)]); // eslint-disable-line react-hooks/exhaustive-deps

  const dirty = form !== null && !same(form, base);
  const revert = () => {
    setForm(base);
    setChangedElsewhere(false);
  };
  return { form, setForm, dirty, changedElsewhere: dirty && changedElsewhere, revert };
}
