import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";

function render(): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App />
    </FluentProvider>,
  );
}

// Outside Office (a plain browser) Office.onReady still resolves; render either way.
if (typeof Office !== "undefined") Office.onReady(render);
else render();
