// The colours the app shows right now, "light" or "dark": the user's choice
// (html[data-theme]) or else the system's. The canvases pass it to xyflow.

import { useEffect, useState } from "react";

export type ColorMode = "light" | "dark";

function current(): ColorMode {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function useColorMode(): ColorMode {
  const [mode, setMode] = useState<ColorMode>(current);
  useEffect(() => {
    const update = () => setMode(current());
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", update);
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => {
      media.removeEventListener("change", update);
      observer.disconnect();
    };
  }, []);
  return mode;
}
