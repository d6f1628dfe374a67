import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { WebApp } from "./WebApp";

const container = document.getElementById("container");
if (!container) throw new Error("web.html has no #container");
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <WebApp />
  </FluentProvider>,
);
