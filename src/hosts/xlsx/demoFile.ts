import { newBookFile } from "./bookFile";
import { type DemoOptions, type DemoSummary, fillDemoWorkbook } from "../../app/demoData";

export interface DemoFile extends DemoSummary {
  file: string;
  ms: number;
}

/** The demo workbook as an .xlsx file, through the file layer the CLI uses (an existing file is replaced). */
export async function buildDemoWorkbook(options: DemoOptions & { out: string }): Promise<DemoFile> {
  const started = Date.now();
  const book = newBookFile(options.out, { replace: true });
  const summary = await fillDemoWorkbook(book.gateway, options);
  await book.save();
  return { file: options.out, ...summary, ms: Date.now() - started };
}
