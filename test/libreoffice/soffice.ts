import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

/** A LibreOffice profile that recalculates every formula on load (otherwise cached results are kept). */
function profile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-lo-profile-"));
  fs.mkdirSync(path.join(dir, "user"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

/** Throws (never skips) when LibreOffice is missing: .ci/run installs it. */
export function sofficePath(): string {
  const found = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("LibreOffice (soffice) 未安装：运行 .ci/run，或 apt-get install -y libreoffice-calc-nogui fonts-noto-cjk poppler-utils");
  return found;
}

/** Converts files with headless LibreOffice (xlsx: recalculated copy; pdf: printed as LibreOffice prints). */
export function convert(files: string[], format: "xlsx" | "pdf", outDir: string): string[] {
  const dir = profile();
  try {
    execFileSync(sofficePath(), [`-env:UserInstallation=file://${dir}`, "--headless", "--convert-to", format, "--outdir", outDir, ...files], {
      stdio: "pipe",
      timeout: 180_000,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${format}`));
}

/** The text of each PDF page (poppler's pdftotext). */
export function pdfPages(pdf: string): string[] {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  return text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
}

/** Renders the first page of a PDF to a PNG (for docs/ and for looking at). */
export function renderFirstPage(pdf: string, pngBase: string): string {
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, pngBase]);
  return `${pngBase}.png`;
}
