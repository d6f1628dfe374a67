import { Body1, Button, Caption1, Spinner, Subtitle1, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { type DragEvent, useEffect, useRef, useState } from "react";
import { App } from "../taskpane/components/App";
import { DismissibleMessage } from "./DismissibleMessage";
import { EditableGrid } from "./EditableGrid";
import { useWebApp } from "./useWebApp";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", overflow: "hidden" },
  toolbar: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, flexWrap: "wrap" },
  name: { marginLeft: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
  body: { display: "flex", flex: 1, minHeight: 0 },
  pane: { width: "320px", flexShrink: 0, overflowY: "auto", borderLeft: `1px solid ${tokens.colorNeutralStroke1}` },
  start: { flex: 1, display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXXL },
  drop: { border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusLarge, padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`, textAlign: "center", maxWidth: "640px" },
  dropping: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
});

/** The offline web page: a toolbar (open, new, demo, save), the workbook's grid and the task pane. */
export function WebApp() {
  const styles = useStyles();
  const w = useWebApp();
  const input = useRef<HTMLInputElement | null>(null);
  const [dragging, setDragging] = useState(false);
  const { openDemo, createEmpty } = w;
  // index.html?demo starts with the demo branch's year (npm run preview opens it), ?empty with a blank workbook.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const query = new URLSearchParams(location.search);
    if (query.has("demo")) void openDemo();
    else if (query.has("empty")) void createEmpty();
  }, [openDemo, createEmpty]);
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void w.openFiles(Array.from(e.dataTransfer.files));
  };
  const openClicked = async () => {
    if (!(await w.openWithPicker())) input.current?.click();
  };
  return (
    <div className={styles.page} onDragOver={onDragOver} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <header className={styles.toolbar} role="toolbar" aria-label="文件">
        <Subtitle1 as="h1">党员积分台账 · 网页版</Subtitle1>
        <Button appearance="primary" onClick={() => void openClicked()}>
          打开工作簿…
        </Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="选择工作簿文件"
          hidden
          onChange={(e) => {
            void w.openFiles(e.target.files);
            e.target.value = "";
          }}
        />
        <Button onClick={() => void w.createEmpty()}>新建</Button>
        <Button onClick={() => void w.openDemo()}>示例工作簿</Button>
        <Button disabled={!w.open} appearance={w.dirty ? "primary" : "secondary"} onClick={() => void w.save()}>
          {w.open?.handle ? "保存" : "保存（下载）"}
        </Button>
        {w.canSaveAs && (
          <Button disabled={!w.open} onClick={() => void w.saveAs()}>
            另存为…
          </Button>
        )}
        {w.open && <Caption1 className={styles.name}>{`${w.open.book.fileName}${w.dirty ? " · 有未保存的修改" : " · 已保存"}`}</Caption1>}
      </header>
      {w.busy && <Spinner size="small" label={w.busy} />}
      <DismissibleMessage message={w.message} onDismiss={w.dismiss} />
      {w.open ? (
        <div className={styles.body}>
          <EditableGrid key={w.open.key} book={w.open.book} />
          <aside className={styles.pane} aria-label="任务窗格">
            <App key={w.open.key} status={{ inExcel: true, schemeId: w.open.schemeId, error: null }} host={w.open.book.host()} />
          </aside>
        </div>
      ) : (
        <main className={styles.start}>
          <div className={`${styles.drop} ${dragging ? styles.dropping : ""}`}>
            <Title3 as="p">把支部的 .xlsx 工作簿拖到这里，或点「打开工作簿…」</Title3>
            <Body1 as="p">
              在浏览器中录入、校验积分台账，生成公示表和年终等次评定审批表，再保存回工作簿。工作簿中原有的工作表、图表、批注都原样保留。
            </Body1>
            <Body1 as="p">数据只在本机浏览器中处理：本页面不联网，不上传任何内容。</Body1>
            <Caption1>还没有台账？点「新建」后在右侧「开始」中生成，或先看「示例工作簿」。</Caption1>
          </div>
        </main>
      )}
    </div>
  );
}
