import type { CellStyle } from "../sheetModel";

export interface StyleDef {
  bold: boolean;
  size: number;
  align: "left" | "center" | "right";
  wrap: boolean;
  border: boolean;
  fill?: string;
}

/** How each cell style looks, shared by the Office.js and exceljs gateways. */
export const STYLES: Record<CellStyle, StyleDef> = {
  title: { bold: true, size: 16, align: "center", wrap: false, border: false },
  subtitle: { bold: false, size: 11, align: "center", wrap: false, border: false },
  header: { bold: true, size: 11, align: "center", wrap: true, border: true, fill: "#D9D9D9" },
  cell: { bold: false, size: 11, align: "left", wrap: true, border: true },
  number: { bold: false, size: 11, align: "right", wrap: false, border: true },
  date: { bold: false, size: 11, align: "center", wrap: false, border: true },
  total: { bold: true, size: 11, align: "right", wrap: false, border: true },
  note: { bold: false, size: 10, align: "left", wrap: true, border: false },
  signature: { bold: false, size: 11, align: "left", wrap: false, border: false },
};
