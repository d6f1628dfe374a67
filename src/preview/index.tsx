import { FluentProvider, MessageBar, MessageBarBody, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "../taskpane/components/App";
import { fillDemoWorkbook } from "../app/demoData";
import { describeFailure } from "../taskpane/errors";
import { syncWorkbookScheme } from "../taskpane/workbookScheme";
import { Grid } from "./Grid";
import { PreviewWorkbook } from "./previewWorkbook";

const useStyles = makeStyles({
  page: { display: "flex", height: "100vh", overflow: "hidden" },
  pane: { width: "320px", flexShrink: 0, overflowY: "auto", borderLeft: `1px solid ${tokens.colorNeutralStroke1}` },
});

function Preview({ book, notice, schemeId }: { book: PreviewWorkbook; notice: string | null; schemeId: string | null }) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <Grid book={book} />
      <aside className={styles.pane} aria-label="任务窗格">
        {notice && (
          <MessageBar intent="warning">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        <App status={{ inExcel: true, schemeId, error: null }} host={book.host()} />
      </aside>
    </div>
  );
}

/** ?empty: start from an empty workbook; otherwise the demo branch's year (star-member). */
async function start(): Promise<void> {
  const book = new PreviewWorkbook();
  let notice: string | null = null;
  if (!new URLSearchParams(location.search).has("empty")) {
    try {
      await fillDemoWorkbook(book.gateway);
    } catch (e) {
      notice = `示例数据未能载入：${describeFailure(e)}`;
    }
  }
  book.show(book.sheetNames()[0] ?? "");
  const { schemeId } = await syncWorkbookScheme(book.gateway);
  const container = document.getElementById("container");
  if (!container) throw new Error("preview.html has no #container");
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Preview book={book} notice={notice} schemeId={schemeId} />
    </FluentProvider>,
  );
}

void start();
