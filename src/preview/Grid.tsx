import { Caption1, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { PreviewWorkbook } from "./previewWorkbook";
import { usePreviewGrid } from "./usePreviewGrid";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, flex: 1, height: "100vh" },
  scroller: { overflow: "auto", flex: 1, borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  head: { position: "sticky", top: 0, backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "0 4px" },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "1px 4px", whiteSpace: "nowrap", maxWidth: "240px", overflow: "hidden", textOverflow: "ellipsis" },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px", backgroundColor: tokens.colorBrandBackground2 },
  tabs: { overflowX: "auto", flexShrink: 0 },
});

/** A plain grid of the preview workbook: sheet tabs, column letters, row numbers, the selected cell. */
export function Grid({ book }: { book: PreviewWorkbook }) {
  const styles = useStyles();
  const g = usePreviewGrid(book);
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    // Another sheet opens at its top, as in Excel.
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
  }, [g.sheet]);
  useEffect(() => {
    // Block body: Chromium's scrollIntoView returns a promise, which React would take for a clean-up.
    void selectedRef.current?.scrollIntoView({ block: "center", inline: "nearest" });
  }, [g.selection, g.sheet]);
  return (
    <section className={styles.root} aria-label="工作簿预览">
      <div className={styles.scroller} ref={scrollerRef}>
        <table className={styles.table} data-sheet={g.sheet ?? ""}>
          <thead>
            <tr>
              <th className={styles.head} />
              {g.columns.map((c) => (
                <th key={c} className={styles.head} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.rows.map((row, r) => (
              <tr key={r}>
                <th className={styles.head} scope="row">
                  {r + 1}
                </th>
                {g.columns.map((c, i) => {
                  const selected = g.selection?.row === r + 1 && g.selection.column === c;
                  return (
                    <td key={c} ref={selected ? selectedRef : undefined} data-cell={`${c}${r + 1}`} aria-selected={selected} className={`${styles.cell} ${selected ? styles.selected : ""}`} title={row[i] ?? ""}>
                      {row[i] ?? ""}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {g.hiddenRows > 0 && <Caption1>{`另有 ${g.hiddenRows} 行未显示`}</Caption1>}
        {g.sheets.length === 0 && <Caption1>工作簿是空的：在右侧「开始」中生成台账。</Caption1>}
      </div>
      <TabList className={styles.tabs} size="small" selectedValue={g.sheet ?? ""} onTabSelect={(_, d) => g.show(String(d.value))} aria-label="工作表">
        {g.sheets.map((s) => (
          <Tab key={s} value={s}>
            {s}
          </Tab>
        ))}
      </TabList>
    </section>
  );
}
