import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, Tab, TabList, makeStyles, tokens, useUncontrolledFocus } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { DismissibleMessage } from "./DismissibleMessage";
import { ROW_HEIGHT, useEditableGrid } from "./useEditableGrid";
import type { WebWorkbook } from "./webWorkbook";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, flex: 1, minHeight: 0 },
  bar: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, flexShrink: 0, flexWrap: "wrap" },
  scroller: { overflow: "auto", flex: 1, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, outline: "none" },
  table: { borderCollapse: "collapse", tableLayout: "fixed", fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  head: { position: "sticky", top: 0, zIndex: 1, height: `${ROW_HEIGHT}px`, backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "0 4px" },
  rowHead: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "0 4px", textAlign: "right" },
  cell: { position: "relative", height: `${ROW_HEIGHT - 1}px`, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "0 4px", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", cursor: "cell" },
  newRow: { backgroundColor: tokens.colorNeutralBackground2 },
  inRange: { backgroundColor: tokens.colorBrandBackground2 },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px", backgroundColor: tokens.colorBrandBackground2 },
  // The keyboard's target inside the selected cell: transparent until the clerk types (IME included).
  sink: { position: "absolute", inset: 0, width: "100%", boxSizing: "border-box", border: "none", padding: "0 3px", font: "inherit", backgroundColor: "transparent", color: "transparent", caretColor: "transparent", outline: "none" },
  editing: { backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, caretColor: tokens.colorNeutralForeground1, outline: `2px solid ${tokens.colorBrandStroke1}` },
  tabs: { overflowX: "auto", flexShrink: 0 },
});

/** The workbook's grid: sheet tabs, column letters, row numbers; the clerk's tables can be typed and pasted into. */
export function EditableGrid({ book }: { book: WebWorkbook }) {
  const styles = useStyles();
  const g = useEditableGrid(book);
  const sinkRef = useRef<HTMLInputElement | null>(null);
  // Tab moves between cells, as in Excel: Fluent's focus manager leaves the grid's keys to it.
  const ownKeys = useUncontrolledFocus();
  const view = g.view;
  const table = view?.table ?? null;
  const newRow = table?.editable ? table.headerRow + table.dataRows + 1 : -1;
  const selectedKey = g.selection ? `${g.selection.column}${g.selection.row}` : "";
  useEffect(() => {
    sinkRef.current?.focus({ preventScroll: true });
  }, [selectedKey, view]);
  return (
    <section className={styles.root} aria-label="工作簿">
      <div className={styles.bar}>
        {table?.editable ? (
          <>
            <Button size="small" onClick={g.goToNewRow}>
              新增一行
            </Button>
            <Button size="small" disabled={!g.selectedRows || g.selectedRows[1] <= table.headerRow || g.selectedRows[0] >= newRow} onClick={g.askDelete}>
              删除所选行
            </Button>
            <Caption1>单击单元格后直接输入，Enter 确认；可粘贴从 Excel 或 WPS 复制的多行多列；Shift+单击选择多行。</Caption1>
          </>
        ) : (
          <Caption1>{view?.readOnly ?? ""}</Caption1>
        )}
      </div>
      {g.confirmingDelete && g.selectedRows && (
        <MessageBar intent="warning">
          <MessageBarBody>{`删除第 ${g.selectedRows[0]}–${g.selectedRows[1]} 行？下面的行会上移（撤销记录号、承诺事项的积分记录号都按记录号，不受影响）；已审定期间的记录请不要删除，更正请新增一行。`}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={g.deleteRows}>
              确认删除
            </Button>
            <Button size="small" onClick={g.cancelDelete}>
              取消
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <DismissibleMessage message={g.message} onDismiss={g.dismissMessage} />
      <div className={styles.scroller} ref={g.scrollerRef} onScroll={g.onScroll} onKeyDown={g.onKeyDown} onPaste={g.onPaste} tabIndex={-1} {...ownKeys}>
        <table className={styles.table} data-sheet={g.sheet ?? ""} aria-rowcount={g.rowCount}>
          <colgroup>
            <col style={{ width: "48px" }} />
            {view?.widths.map((w, i) => <col key={i} style={{ width: `${w}px` }} />)}
          </colgroup>
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
            {g.first > 0 && (
              <tr aria-hidden style={{ height: `${g.first * ROW_HEIGHT}px` }}>
                <td colSpan={g.columns.length + 1} />
              </tr>
            )}
            {view?.rows.slice(g.first, g.last).map((row, k) => {
              const r = g.first + k + 1;
              const inRange = g.selectedRows && r >= g.selectedRows[0] && r <= g.selectedRows[1];
              return (
                <tr key={r} data-row={r} className={r === newRow ? styles.newRow : undefined}>
                  <th className={styles.rowHead} scope="row">
                    {r}
                  </th>
                  {g.columns.map((c, i) => {
                    const selected = g.selection?.row === r && g.selection.column === c;
                    const text = row[i] ?? "";
                    return (
                      <td
                        key={c}
                        data-cell={`${c}${r}`}
                        aria-selected={selected}
                        className={`${styles.cell} ${selected ? styles.selected : inRange ? styles.inRange : ""}`}
                        title={text}
                        onMouseDown={(e) => {
                          if (selected) return;
                          if (g.draft !== null) void g.commit();
                          e.preventDefault();
                          g.select(r, c, e.shiftKey);
                        }}
                        onDoubleClick={() => g.startEditing(text)}
                      >
                        {text}
                        {selected && (
                          <input
                            ref={sinkRef}
                            aria-label={`单元格 ${c}${r}`}
                            className={`${styles.sink} ${g.draft !== null ? styles.editing : ""}`}
                            value={g.draft ?? ""}
                            onChange={(e) => g.setDraft(e.target.value)}
                            onBlur={() => {
                              if (g.draft !== null) void g.commit();
                            }}
                          />
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {g.last < g.rowCount && (
              <tr aria-hidden style={{ height: `${(g.rowCount - g.last) * ROW_HEIGHT}px` }}>
                <td colSpan={g.columns.length + 1} />
              </tr>
            )}
          </tbody>
        </table>
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
